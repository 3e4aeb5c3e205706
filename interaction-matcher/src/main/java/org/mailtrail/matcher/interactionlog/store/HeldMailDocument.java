package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A held mail as it arrived, so that it can be matched again when the directory changes: what the rules read of it
 * ({@code MailReceived} as JSON), and the addresses and domains of its participants that a directory change is
 * looked up by. Removed when the mail leaves the hold (logged late, or its retention ended), so the collection
 * holds only what is held.
 *
 * @param id the mail's key, connectionId/internetMessageId: its first copy's record in the log
 * @param receivedAt when the mailbox received it (the period an administrator re-runs matching over)
 * @param mail the {@code MailReceived} the mail arrived as, in its contract JSON
 */
@Document(HeldMailDocument.COLLECTION)
public record HeldMailDocument(
        @Id String id,
        String connectionId,
        List<String> addresses,
        List<String> domains,
        Instant receivedAt,
        Instant heldSince,
        Instant heldUntil,
        String mail) {

    public static final String COLLECTION = "heldMail";

    public HeldMailDocument {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }
}
