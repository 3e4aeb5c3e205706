package org.mailtrail.matcher.testdata;

import java.util.List;

import org.mailtrail.events.directory.ContactType;
import org.mailtrail.matcher.directory.domain.AddressIndex;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.Salesperson;

/**
 * A small company directory with every case the rules distinguish: salespeople with alternate
 * addresses, companies and their persons, an address shared by three contacts, an address that is
 * both a salesperson's and a contact's, a privacy-blocked contact, a company at a free-mail domain
 * and a contact that is the company itself.
 */
public final class DemoDirectory {

    public static final String ANNA = "anna.berg@contoso.com";
    public static final String ANNA_ALTERNATE = "a.berg@contoso.de";
    public static final String OLE = "ole.dahl@contoso.com";
    public static final String SAM = "sam@partner.example";
    public static final String COLLEAGUE = "bob@contoso.com";

    public static final String FABRIKAM = "info@fabrikam.com";
    public static final String LARS = "lars.holm@fabrikam.com";
    public static final String LARS_ALTERNATE = "lars@holm.example";
    public static final String MIA = "mia.sand@fabrikam.com";
    public static final String CEO = "ceo@fabrikam.com";
    public static final String NEWCOMER_AT_FABRIKAM = "new.person@fabrikam.com";
    public static final String PIA = "pia@litware.com";
    public static final String KIM = "kim@litware.com";
    public static final String SHARED = "office@northwind.example";
    public static final String GMAIL_CONTACT = "john.doe@gmail.com";
    public static final String GMAIL_STRANGER = "someone@gmail.com";
    public static final String STRANGER = "stranger@unknown.example";

    public static List<Salesperson> salespeople() {
        return List.of(
                new Salesperson("AB", "Anna Berg", List.of(ANNA, ANNA_ALTERNATE)),
                new Salesperson("OD", "Ole Dahl", List.of(OLE)),
                new Salesperson("SP", "Sam Partner", List.of(SAM)));
    }

    public static List<Contact> contacts() {
        return List.of(
                company("CT100", "Fabrikam", FABRIKAM),
                person("CT101", "Lars Holm", "CT100", "Fabrikam", LARS, List.of(LARS_ALTERNATE), false),
                person("CT102", "Mia Sand", "CT100", "Fabrikam", MIA, List.of(), false),
                person("CT103", "Fabrikam CEO", "CT100", "Fabrikam", CEO, List.of(), false),
                company("CT200", "Litware", "info@litware.com"),
                person("CT201", "Pia Privat", "CT200", "Litware", PIA, List.of(), true),
                person("CT202", "Kim Lit", "CT200", "Litware", KIM, List.of(), false),
                person("CT300", "Northwind reception", null, null, "reception@northwind.example", List.of(SHARED), false),
                person("CT301", "Northwind office A", null, null, SHARED, List.of(), false),
                person("CT302", "Northwind office B", null, null, SHARED, List.of(), false),
                person("CT400", "Sam as a customer", null, null, SAM, List.of(), false),
                person("CT500", "John Doe", null, null, GMAIL_CONTACT, List.of(), false),
                company("CT600", "Consumer support", "support@gmail.com"),
                company("CT700", "Contoso (our own company)", "info@contoso.com"));
    }

    public static AddressIndex index() {
        AddressIndex index = new AddressIndex();
        index.putSalespeople(salespeople());
        index.putContacts(contacts());
        return index;
    }

    public static Contact person(String id, String name, String companyId, String companyName, String email,
            List<String> alternates, boolean privacyBlocked) {
        return new Contact(id, name, ContactType.PERSON, companyId, companyName, email, alternates, privacyBlocked);
    }

    public static Contact company(String id, String name, String email) {
        return new Contact(id, name, ContactType.COMPANY, null, null, email, List.of(), false);
    }

    private DemoDirectory() {
    }
}
