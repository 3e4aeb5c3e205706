package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The company's salespeople and customer contacts that the chaos mail is written between. */
final class Directory {

    static final int SALESPEOPLE = 5;
    static final int CONTACTS = 40;

    private Directory() {
    }

    static String salespersonCode(int n) {
        return "SP" + n % SALESPEOPLE;
    }

    static String salespersonAddress(int n) {
        return "sales" + n % SALESPEOPLE + "@contoso.com";
    }

    static String contactId(int n) {
        return "CT-" + n % CONTACTS;
    }

    static String contactAddress(int n) {
        return "buyer" + n % CONTACTS + "@customer" + n % CONTACTS % 8 + ".example";
    }

    /** Loads both into the matcher's directory over its REST API. */
    static void load(Api api, String matcher) {
        List<Map<String, Object>> salespeople = IntStream.range(0, SALESPEOPLE).mapToObj(n -> Map.<String, Object>of(
                "code", salespersonCode(n), "name", "Sales " + n, "emails", List.of(salespersonAddress(n)))).toList();
        List<Map<String, Object>> contacts = IntStream.range(0, CONTACTS).mapToObj(n -> Map.<String, Object>of(
                "contactId", contactId(n), "name", "Buyer " + n, "type", "PERSON", "companyId", "CO-" + n % 8,
                "companyName", "Customer " + n % 8, "email", contactAddress(n))).toList();
        assertThat(api.put(matcher + "/api/directory/salespeople", salespeople).status()).isEqualTo(200);
        assertThat(api.put(matcher + "/api/directory/contacts", contacts).status()).isEqualTo(200);
    }
}
