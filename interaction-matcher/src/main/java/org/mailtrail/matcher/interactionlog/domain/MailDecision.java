package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.matching.domain.ExclusionRule;
import org.mailtrail.matcher.matching.domain.Match;

/**
 * What becomes of a mail once the rules have matched it, and the one disposition the ingestor is
 * asked for, with its reason: a logged mail is archived; a mail that is not logged is deleted, or
 * left in the Inbox where the connection says so.
 *
 * @param exclusionRule the rule that kept the mail out of the log; absent for a logged mail
 * @param exclusionDetail the address or fact behind {@code exclusionRule}
 * @param direction how a logged mail went between salesperson and contact
 * @param interactionAt when a logged mail's interactions happened
 * @param matches the pairs a logged mail connects
 * @param interactionIds the ids of the interactions, in the order of {@code matches}
 * @param dispositionReason why, in words an operator understands
 */
public record MailDecision(
        MailOutcome outcome,
        ExclusionRule exclusionRule,
        String exclusionDetail,
        Direction direction,
        Instant interactionAt,
        List<MatchedPair> matches,
        List<String> interactionIds,
        Disposition disposition,
        String dispositionReason) {

    public MailDecision {
        matches = matches == null ? List.of() : List.copyOf(matches);
        interactionIds = interactionIds == null ? List.of() : List.copyOf(interactionIds);
    }

    /** The decision about a mail the rules matched as {@code match}, under the connection's {@code unmatched} policy. */
    public static MailDecision of(MailReceived mail, Match match, UnmatchedPolicy unmatched) {
        if (match instanceof Match.Logged logged) {
            List<MatchedPair> pairs = logged.interactions().stream().map(MatchedPair::of).toList();
            List<String> ids = pairs.stream().map(pair -> LogIds.interactionId(mail.connectionId(),
                    mail.internetMessageId(), pair.contactId(), pair.salespersonCode())).toList();
            String reason = "logged " + ids.size() + (ids.size() == 1 ? " interaction" : " interactions");
            // A producer may send more than milliseconds; MongoDB keeps milliseconds, and the events must
            // carry the time the log stores.
            return new MailDecision(MailOutcome.LOGGED, null, null, logged.direction(),
                    logged.at().truncatedTo(ChronoUnit.MILLIS), pairs, ids, Disposition.ARCHIVE, reason);
        }
        Match.Excluded excluded = (Match.Excluded) match;
        Disposition disposition = unmatched == UnmatchedPolicy.LEAVE ? Disposition.LEAVE : Disposition.DELETE;
        return new MailDecision(MailOutcome.EXCLUDED, excluded.rule(), excluded.detail(), null, null, List.of(),
                List.of(), disposition, "not logged: " + excluded.reason());
    }

    public boolean isLogged() {
        return outcome == MailOutcome.LOGGED;
    }

    /** Where the mail stands once decided: waiting for the ingestor, or left where it is without asking. */
    public MailState initialState() {
        return disposition == Disposition.LEAVE ? MailState.LEFT : MailState.REQUESTED;
    }
}
