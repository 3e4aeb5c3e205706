package org.mailtrail.localrun;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mailtrail.emulator.mailbox.Mail;

/**
 * The demo company (Contoso, whose salespeople write from contoso.com), its customers, and a
 * stream of mail such as the BCC rules would deliver: outbound and inbound, a reply thread,
 * several contacts on one mail, internal-only mail and mail from unknown senders. Each run
 * delivers a day of new mail (its internetMessageIds carry the run), so a second run adds to the
 * log the first one left. The console's browser tests show the same company.
 */
public final class DemoData {

    public static final String TENANT_ID = "8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10";
    public static final String CLIENT_ID = "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b";
    public static final String CLIENT_SECRET = "emulator-demo-secret";
    public static final String MAILBOX = "sales-mail@contoso.com";
    public static final String CONNECTION_ID = "demo";
    /** The IMAP demo's connection: the same company's mailbox on an IMAP server (Exchange Server, say). */
    public static final String IMAP_CONNECTION_ID = "demo-imap";

    private static final String ANNA = "Anna Berger <anna.berger@contoso.com>";
    private static final String LUIS = "Luis Ortega <luis.ortega@contoso.com>";
    private static final String SARA = "Sara Kim <sara.kim@contoso.com>";
    private static final String JORDAN = "Jordan Smith <j.smith@fabrikam.example>";
    private static final String JORDAN_ALTERNATE = "Jordan Smith <jordan@fabrikam.example>";
    private static final String MEI = "Mei Chen <mei.chen@northwind.example>";
    private static final String TOM = "Tom Weber <tom.weber@northwind.example>";
    private static final String ACCOUNTS = "Accounts <accounts@northwind.example>";
    private static final String PRIYA = "Priya Rao <priya.rao@adatum.example>";
    private static final String NEWSLETTER = "Spring Offers <news@offers.example>";
    private static final String STRANGER = "Max Muster <max@unknown-company.example>";

    public static List<Map<String, Object>> salespeople() {
        return List.of(
                Map.of("code", "AB", "name", "Anna Berger", "emails", List.of("anna.berger@contoso.com", "a.berger@contoso.de")),
                Map.of("code", "LO", "name", "Luis Ortega", "emails", List.of("luis.ortega@contoso.com")),
                Map.of("code", "SK", "name", "Sara Kim", "emails", List.of("sara.kim@contoso.com")));
    }

    public static List<Map<String, Object>> contacts() {
        return List.of(
                company("CT-FAB", "Fabrikam Inc.", "info@fabrikam.example"),
                person("CT-FAB-JS", "Jordan Smith", "CT-FAB", "Fabrikam Inc.", "j.smith@fabrikam.example", "jordan@fabrikam.example"),
                company("CT-NW", "Northwind Traders", "contact@northwind.example"),
                person("CT-NW-MC", "Mei Chen", "CT-NW", "Northwind Traders", "mei.chen@northwind.example"),
                person("CT-NW-TW", "Tom Weber", "CT-NW", "Northwind Traders", "tom.weber@northwind.example"),
                person("CT-NW-AC", "Northwind accounts", "CT-NW", "Northwind Traders", "accounts@northwind.example"),
                company("CT-AD", "Adatum Corporation", "hello@adatum.example"),
                person("CT-AD-PR", "Priya Rao", "CT-AD", "Adatum Corporation", "priya.rao@adatum.example"));
    }

    /** The demo stream: a scripted start, then rounds of everyday mail. */
    public static List<Mail> mails(Instant now, int rounds) {
        return mails("demo-", now, rounds);
    }

    /**
     * The same stream for the IMAP demo: the same people and subjects, Message-IDs of their own, so that each source's
     * mail is counted once in its own connection's ledger and never taken for a copy of the other's.
     */
    public static List<Mail> imapMails(Instant now, int rounds) {
        return mails("demo-imap-", now, rounds);
    }

    private static List<Mail> mails(String prefix, Instant now, int rounds) {
        String run = prefix + Long.toString(now.getEpochSecond(), 36);
        List<Mail> mails = new ArrayList<>();
        Instant start = now.minus(Duration.ofDays(3));
        String racks = "thread-racks";
        mails.add(mail(run, 1, start, JORDAN, List.of(ANNA), List.of(), "Quote for 40 pallet racks", racks));
        mails.add(mail(run, 2, start.plusSeconds(3_600), ANNA, List.of(JORDAN), List.of(LUIS), "RE: Quote for 40 pallet racks", racks));
        mails.add(mail(run, 3, start.plusSeconds(7_200), JORDAN_ALTERNATE, List.of(ANNA), List.of(), "RE: RE: Quote for 40 pallet racks", racks));
        mails.add(mail(run, 4, start.plusSeconds(9_000), LUIS, List.of(MEI, TOM), List.of(), "Visit next Tuesday", null));
        mails.add(mail(run, 5, start.plusSeconds(10_000), ANNA, List.of(LUIS), List.of(), "Team lunch", null));
        mails.add(mail(run, 6, start.plusSeconds(11_000), NEWSLETTER, List.of(ANNA), List.of(), "Spring offers: 20% off", null));
        mails.add(mail(run, 7, start.plusSeconds(12_000), ACCOUNTS, List.of(ANNA), List.of(), "Invoice 2025-0117", null));
        mails.add(mail(run, 8, start.plusSeconds(13_000), SARA, List.of(PRIYA), List.of(JORDAN), "Adatum pilot: next steps", null));
        mails.add(mail(run, 9, start.plusSeconds(14_000), MEI, List.of(JORDAN), List.of(), "Introduction", null));
        mails.add(mail(run, 10, start.plusSeconds(15_000), STRANGER, List.of(SARA), List.of(), "Partnership?", null));
        int number = 11;
        for (int round = 0; round < rounds; round++) {
            Instant at = start.plusSeconds(20_000L + round * 3_600L);
            mails.add(mail(run, number++, at, PRIYA, List.of(SARA), List.of(), "Pilot question " + (round + 1), "thread-pilot"));
            mails.add(mail(run, number++, at.plusSeconds(600), SARA, List.of(PRIYA), List.of(ANNA), "RE: Pilot question " + (round + 1), "thread-pilot"));
            mails.add(mail(run, number++, at.plusSeconds(900), TOM, List.of(LUIS, ANNA), List.of(), "Order " + (4711 + round), null));
            mails.add(mail(run, number++, at.plusSeconds(1_200), LUIS, List.of(TOM), List.of(MEI), "RE: Order " + (4711 + round), null));
            mails.add(mail(run, number++, at.plusSeconds(1_500), LUIS, List.of(SARA), List.of(), "Internal: stock for order " + (4711 + round), null));
            mails.add(mail(run, number++, at.plusSeconds(1_800), NEWSLETTER, List.of(LUIS), List.of(), "Weekly offers " + (round + 1), null));
        }
        return mails;
    }

    private static Mail mail(String run, int number, Instant sent, String from, List<String> to, List<String> cc, String subject,
            String conversation) {
        Mail.Builder mail = Mail.builder().internetMessageId("<" + run + "-" + number + "@mailtrail.local>").from(from)
                .to(to.toArray(String[]::new)).cc(cc.toArray(String[]::new)).subject(subject)
                .body("Demo mail " + number + ": " + subject).sentDateTime(sent).receivedDateTime(sent.plusSeconds(2));
        if (conversation != null) {
            mail.conversationId(conversation);
        }
        return mail.build();
    }

    private static Map<String, Object> company(String id, String name, String email) {
        return Map.of("contactId", id, "name", name, "type", "COMPANY", "companyId", id, "companyName", name,
                "email", email, "alternateEmails", List.of(), "privacyBlocked", false);
    }

    private static Map<String, Object> person(String id, String name, String companyId, String companyName,
            String email, String... alternates) {
        return Map.of("contactId", id, "name", name, "type", "PERSON", "companyId", companyId, "companyName",
                companyName, "email", email, "alternateEmails", List.of(alternates), "privacyBlocked", false);
    }

    private DemoData() {
    }
}
