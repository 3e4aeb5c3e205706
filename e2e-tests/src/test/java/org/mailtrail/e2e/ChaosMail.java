package org.mailtrail.e2e;

import static org.mailtrail.e2e.Directory.contactAddress;
import static org.mailtrail.e2e.Directory.contactId;
import static org.mailtrail.e2e.Directory.salespersonAddress;
import static org.mailtrail.e2e.Directory.salespersonCode;

import java.time.Instant;
import java.util.List;

import org.mailtrail.emulator.mailbox.Mail;

/**
 * One mail of a chaos run, and the interactions it must make by the matching rules. Eight kinds
 * take turns: outbound to one contact, outbound to two, inbound to one salesperson, inbound to two,
 * an unknown sender, internal-only, a salesperson listed in both To and Cc, and outbound to a contact
 * and a stranger.
 */
record ChaosMail(int number, String run, String mailbox) {

    /** Where a connection holds mail by default. */
    static final String HOLD_FOLDER = "Not logged";

    static ChaosMail number(int number, String run, String mailbox) {
        return new ChaosMail(number, run, mailbox);
    }

    String internetMessageId() {
        return "<chaos-" + run + "-" + number + "@mailtrail.test>";
    }

    Mail toMail() {
        int n = number;
        Mail.Builder mail = Mail.builder().internetMessageId(internetMessageId()).subject("Chaos " + run + " #" + n)
                .body("Mail " + n + " of the " + run + " run").sentDateTime(Instant.now().minusSeconds(2))
                .receivedDateTime(Instant.now());
        return switch (n % 8) {
            case 0 -> mail.from(salespersonAddress(n)).to(contactAddress(n)).build();
            case 1 -> mail.from(salespersonAddress(n)).to(contactAddress(n)).cc(contactAddress(n + 1)).build();
            case 2 -> mail.from(contactAddress(n)).to(salespersonAddress(n)).build();
            case 3 -> mail.from(contactAddress(n)).to(salespersonAddress(n)).cc(salespersonAddress(n + 1)).build();
            case 4 -> mail.from("offers@unknown-sender.example").to(salespersonAddress(n)).build();
            case 5 -> mail.from(salespersonAddress(n)).to(salespersonAddress(n + 1)).build();
            case 6 -> mail.from(contactAddress(n)).to(salespersonAddress(n)).cc(salespersonAddress(n).toUpperCase())
                    .build();
            default -> mail.from(salespersonAddress(n)).to(contactAddress(n), "stranger@elsewhere.example").build();
        };
    }

    /** The interactions as {@code internetMessageId|contactId|salespersonCode}. */
    List<String> interactions() {
        int n = number;
        String id = internetMessageId();
        return switch (n % 8) {
            case 0, 2, 6, 7 -> List.of(interaction(id, contactId(n), salespersonCode(n)));
            case 1 -> List.of(interaction(id, contactId(n), salespersonCode(n)),
                    interaction(id, contactId(n + 1), salespersonCode(n)));
            case 3 -> List.of(interaction(id, contactId(n), salespersonCode(n)),
                    interaction(id, contactId(n), salespersonCode(n + 1)));
            default -> List.of();
        };
    }

    /**
     * The one folder the mail ends in: Archive when logged; the hold folder for an unknown sender's mail, which the
     * directory may still learn (every run's connection holds, as a new connection does); Deleted Items for internal
     * mail, which no directory change makes loggable.
     */
    String expectedFolder() {
        if (!interactions().isEmpty()) {
            return "archive";
        }
        return number % 8 == 4 ? HOLD_FOLDER : "deleteditems";
    }

    static String interaction(String internetMessageId, String contactId, String salespersonCode) {
        return internetMessageId + "|" + contactId + "|" + salespersonCode;
    }
}
