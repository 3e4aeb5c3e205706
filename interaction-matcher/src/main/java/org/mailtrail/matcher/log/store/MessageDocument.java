package org.mailtrail.matcher.log.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.log.domain.LogIds;
import org.mailtrail.matcher.log.domain.MailState;
import org.mailtrail.matcher.log.domain.Outcome;
import org.mailtrail.matcher.log.domain.Pending;
import org.mailtrail.matcher.matching.domain.ExclusionRule;
import org.mailtrail.matcher.matching.domain.Match;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One mail: what it was, what the rules decided, the disposition requested for it and where it
 * stands in the mailbox. Its id is the mail's Kafka key, connectionId/internetMessageId.
 *
 * @param webLink the link that opens the mail: the Inbox one at first, the archived one after the move
 * @param linkNote why no link exists, after an archive that failed
 */
@Document(MessageDocument.COLLECTION)
public record MessageDocument(
        @Id String id,
        String connectionId,
        String internetMessageId,
        String immutableId,
        String messageId,
        String conversationId,
        String subject,
        String sender,
        Instant sentAt,
        Instant receivedAt,
        boolean hasAttachments,
        String webLink,
        String linkNote,
        String folder,
        Outcome outcome,
        ExclusionRule exclusionRule,
        String exclusionDetail,
        Direction direction,
        Instant interactionAt,
        List<MatchRecord> matches,
        List<String> interactionIds,
        Disposition disposition,
        String dispositionReason,
        MailState state,
        String stateReason,
        Instant eventOccurredAt,
        Instant processedAt,
        Instant updatedAt,
        List<Pending> pending) {

    public static final String COLLECTION = "messages";

    public MessageDocument {
        matches = matches == null ? List.of() : List.copyOf(matches);
        interactionIds = interactionIds == null ? List.of() : List.copyOf(interactionIds);
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** The decision about a mail seen for the first time, with its disposition still to be published. */
    public static MessageDocument decided(MailReceived mail, Match match, UnmatchedPolicy unmatched, Instant now) {
        String key = MailKeys.of(mail.connectionId(), mail.internetMessageId());
        String sender = mail.sender() == null ? null : mail.sender().address();
        if (match instanceof Match.Logged logged) {
            List<MatchRecord> matches = logged.interactions().stream().map(MatchRecord::of).toList();
            List<String> ids = matches.stream().map(m -> LogIds.interactionId(mail.connectionId(),
                    mail.internetMessageId(), m.contactId(), m.salespersonCode())).toList();
            String reason = "logged " + ids.size() + (ids.size() == 1 ? " interaction" : " interactions");
            return new MessageDocument(key, mail.connectionId(), mail.internetMessageId(), mail.immutableId(),
                    mail.messageId(), mail.conversationId(), mail.subject(), sender, mail.sentDateTime(),
                    mail.receivedDateTime(), mail.hasAttachments(), mail.webLink(), null, null, Outcome.LOGGED, null,
                    null, logged.direction(), logged.at().truncatedTo(ChronoUnit.MILLIS), matches, ids, Disposition.ARCHIVE, reason,
                    MailState.REQUESTED, null, mail.occurredAt(), now, now, List.of(Pending.DISPOSITION));
        }
        Match.Excluded excluded = (Match.Excluded) match;
        Disposition disposition = unmatched == UnmatchedPolicy.LEAVE ? Disposition.LEAVE : Disposition.DELETE;
        MailState state = disposition == Disposition.LEAVE ? MailState.LEFT : MailState.REQUESTED;
        return new MessageDocument(key, mail.connectionId(), mail.internetMessageId(), mail.immutableId(),
                mail.messageId(), mail.conversationId(), mail.subject(), sender, mail.sentDateTime(),
                mail.receivedDateTime(), mail.hasAttachments(), mail.webLink(), null, null, Outcome.EXCLUDED,
                excluded.rule(), excluded.detail(), null, null, List.of(), List.of(), disposition,
                "not logged: " + excluded.reason(), state, null, mail.occurredAt(), now, now,
                List.of(Pending.DISPOSITION));
    }

    public boolean isPending(Pending kind) {
        return pending.contains(kind);
    }

    public boolean isLogged() {
        return outcome == Outcome.LOGGED;
    }
}
