package org.mailtrail.localrun.benchmark;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;

/**
 * The company the benchmark pretends to be (salespeople at contoso.com, contacts at customer companies) and the
 * mail it exchanges, as a mix where eight mails in ten are logged: outbound to one contact, outbound to two
 * contacts (two interactions), inbound from a contact; and two that are not: internal-only mail and mail from an
 * unknown sender. Every mail has its own internetMessageId, which is how its InteractionLogged is found again.
 */
final class Workload {

    static final double LOGGABLE_SHARE = 0.8;

    /** One mail, independent of how it reaches mailtrail (delivered into a mailbox, or injected on Kafka). */
    record Envelope(String internetMessageId, String sender, List<String> to, List<String> cc, String subject,
            boolean loggable) {

        Mail toMail(Instant now) {
            return Mail.builder().internetMessageId(internetMessageId).from(sender).to(to.toArray(String[]::new))
                    .cc(cc.toArray(String[]::new)).subject(subject).body("Benchmark mail " + internetMessageId)
                    .sentDateTime(now.minusSeconds(1)).receivedDateTime(now).build();
        }

        /** The MailReceived the ingestor would publish for this mail, as if read from the mailbox. */
        MailReceived toMailReceived(String connectionId, Instant now) {
            String immutableId = "benchmark-" + internetMessageId.replaceAll("[^A-Za-z0-9-]", "");
            return new MailReceived(EventIds.of(MailReceived.TYPE, connectionId, internetMessageId, immutableId), now, 1,
                    connectionId, internetMessageId, immutableId, immutableId, null, address(sender), address(sender),
                    to.stream().map(Workload::address).toList(), cc.stream().map(Workload::address).toList(), subject,
                    now.minusSeconds(1), now, false, "Benchmark mail " + internetMessageId, false, null, null,
                    List.of());
        }
    }

    private final int salespeople;
    private final int contacts;
    private final int companies;
    private final Set<String> salespersonAddresses = new HashSet<>();
    private final Set<String> contactAddresses = new HashSet<>();

    Workload(int salespeople, int contacts) {
        this.salespeople = salespeople;
        this.contacts = contacts;
        this.companies = Math.max(1, contacts / 10);
        IntStream.range(0, salespeople).forEach(i -> salespersonAddresses.add(seller(i)));
        IntStream.range(0, contacts).forEach(i -> contactAddresses.add(contact(i)));
    }

    /** The salespeople as the matcher's {@code PUT /api/directory/salespeople} takes them. */
    List<Map<String, Object>> salespeopleRows() {
        return IntStream.range(0, salespeople).<Map<String, Object>>mapToObj(i -> Map.of("code", "SP" + i,
                "name", "Seller " + i, "emails", List.of(seller(i)))).toList();
    }

    /** The contacts as the matcher's {@code PUT /api/directory/contacts} takes them, ten to a company. */
    List<Map<String, Object>> contactRows() {
        return IntStream.range(0, contacts).<Map<String, Object>>mapToObj(i -> Map.of("contactId", "CT" + i,
                "name", "Contact " + i, "type", "PERSON", "companyId", "CO" + (i % companies),
                "companyName", "Customer " + (i % companies), "email", contact(i), "alternateEmails", List.of(),
                "privacyBlocked", false)).toList();
    }

    /** Mail number {@code n} of a stream; {@code stream} makes the internetMessageIds unique per phase. */
    Envelope mail(String stream, long n) {
        String id = "<" + stream + "-" + n + "@benchmark.mailtrail>";
        String seller = seller((int) (n % salespeople));
        String otherSeller = seller((int) ((n + 1) % salespeople));
        String contact = contact((int) (n % contacts));
        String otherContact = contact((int) ((n * 7 + 3) % contacts));
        return switch ((int) (n % 10)) {
            case 0, 1, 2, 3 -> new Envelope(id, seller, List.of(contact), List.of(), "Offer " + n, true);
            case 4 -> new Envelope(id, seller, List.of(contact), List.of(otherContact), "Offer " + n + " (team)", true);
            case 5, 6, 7 -> new Envelope(id, contact, List.of(seller), List.of(), "Question " + n, true);
            case 8 -> new Envelope(id, seller, List.of(otherSeller), List.of(), "Internal " + n, false);
            default -> new Envelope(id, "someone" + n + "@unknown.example", List.of(seller), List.of(),
                    "Newsletter " + n, false);
        };
    }

    /**
     * Business Central's rules, as far as this mix needs them: a salesperson who writes to a contact, or a contact
     * who writes to a salesperson, is logged; anything else is not.
     */
    boolean loggableByBusinessCentral(String sender, Collection<String> recipients) {
        String from = normalize(sender);
        List<String> to = recipients.stream().map(Workload::normalize).toList();
        if (salespersonAddresses.contains(from)) {
            return to.stream().anyMatch(contactAddresses::contains);
        }
        return contactAddresses.contains(from) && to.stream().anyMatch(salespersonAddresses::contains);
    }

    int salespeople() {
        return salespeople;
    }

    int contacts() {
        return contacts;
    }

    private static String seller(int i) {
        return "seller" + i + "@contoso.com";
    }

    private String contact(int i) {
        return "contact" + i + "@customer" + (i % companies) + ".example";
    }

    private static EmailAddress address(String address) {
        return new EmailAddress(null, address);
    }

    private static String normalize(String address) {
        return address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
    }
}
