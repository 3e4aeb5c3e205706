package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The company's salespeople and customer contacts as the tests load them into the matcher: Anna Berger and Jordan
 * Smith, the two people of the tests that follow one mail, and a company of numbered salespeople and contacts that
 * the chaos mail is written between.
 */
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

    /** Salesperson Anna Berger ({@code AB}) at Contoso and contact Jordan Smith ({@code CT-FAB-JS}) at Fabrikam. */
    static void loadAnnaBergerAndJordanSmith(Api api, String matcher) {
        load(api, matcher,
                List.of(Map.of("code", "AB", "name", "Anna Berger", "emails", List.of("anna.berger@contoso.com"))),
                List.of(Map.of("contactId", "CT-FAB-JS", "name", "Jordan Smith", "type", "PERSON", "companyId", "CT-FAB",
                        "companyName", "Fabrikam Inc.", "email", "j.smith@fabrikam.example")));
    }

    /** The chaos runs' {@value #SALESPEOPLE} salespeople and {@value #CONTACTS} contacts. */
    static void loadForChaos(Api api, String matcher) {
        load(api, matcher, IntStream.range(0, SALESPEOPLE).mapToObj(n -> Map.<String, Object>of(
                "code", salespersonCode(n), "name", "Sales " + n, "emails", List.of(salespersonAddress(n)))).toList(),
                IntStream.range(0, CONTACTS).mapToObj(n -> Map.<String, Object>of(
                        "contactId", contactId(n), "name", "Buyer " + n, "type", "PERSON", "companyId", "CO-" + n % 8,
                        "companyName", "Customer " + n % 8, "email", contactAddress(n))).toList());
    }

    /** Replaces the matcher's directory over its REST API. */
    private static void load(Api api, String matcher, List<Map<String, Object>> salespeople,
            List<Map<String, Object>> contacts) {
        assertThat(api.put(matcher + "/api/directory/salespeople", salespeople).status()).isEqualTo(200);
        assertThat(api.put(matcher + "/api/directory/contacts", contacts).status()).isEqualTo(200);
    }
}
