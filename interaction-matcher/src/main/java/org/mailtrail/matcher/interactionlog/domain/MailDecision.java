package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.mailtrail.matcher.matching.domain.ExclusionRule;
import org.mailtrail.matcher.matching.domain.Match;

/**
 * What becomes of a mail once the rules have matched it, and the disposition the ingestor is asked for, with its
 * reason: a logged mail is archived; a mail that a directory change could still make loggable is held where the
 * connection holds such mail; any other mail that is not logged is deleted, or left in the Inbox where the
 * connection says so. While the directory is empty nothing is deleted: what would be is held, or left.
 *
 * @param exclusionRule the rule that kept the mail out of the log; absent for a logged mail
 * @param exclusionDetail the address or fact behind {@code exclusionRule}
 * @param direction how a logged mail went between salesperson and contact
 * @param interactionAt when a logged mail's interactions happened
 * @param matches the pairs a logged mail connects
 * @param interactionIds the ids of the interactions, in the order of {@code matches}
 * @param dispositionReason why, in words an operator understands
 * @param holdFolder the folder a held mail is moved to
 * @param heldUntil when a held mail's retention ends
 * @param currentFolder where the mail is when its disposition is asked for, if not in the source folder
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
        String dispositionReason,
        String holdFolder,
        Instant heldUntil,
        String currentFolder) {

    /** The rules whose mail a directory change can make loggable: a participant the directory does not know yet. */
    static final Set<ExclusionRule> HOLDABLE = Set.of(ExclusionRule.UNKNOWN_SENDER, ExclusionRule.CONTACT_TO_CONTACT,
            ExclusionRule.NO_CONTACT_RECIPIENT);

    public MailDecision {
        matches = matches == null ? List.of() : List.copyOf(matches);
        interactionIds = interactionIds == null ? List.of() : List.copyOf(interactionIds);
    }

    /**
     * The decision about a mail the rules matched as {@code match}, under the connection's policy.
     *
     * @param directoryEmpty whether the directory has no salespeople or no contacts, when nothing may be deleted
     */
    public static MailDecision of(MailReceived mail, Match match, ConnectionPolicy policy, boolean directoryEmpty,
            Instant now) {
        if (match instanceof Match.Logged logged) {
            return logged(mail, logged);
        }
        Match.Excluded excluded = (Match.Excluded) match;
        HoldPolicy hold = policy.hold();
        String reason = "not logged: " + excluded.reason();
        if (hold.enabled() && (HOLDABLE.contains(excluded.rule()) || directoryEmpty)) {
            return new MailDecision(MailOutcome.HELD, excluded.rule(), excluded.detail(), null, null, List.of(),
                    List.of(), Disposition.HOLD, reason + (directoryEmpty ? " (held: the directory is empty)" : "; held"),
                    hold.folder(), now.plus(hold.retention()).truncatedTo(ChronoUnit.MILLIS), null);
        }
        if (policy.unmatchedPolicy() == UnmatchedPolicy.LEAVE || directoryEmpty) {
            return new MailDecision(MailOutcome.EXCLUDED, excluded.rule(), excluded.detail(), null, null, List.of(),
                    List.of(), Disposition.LEAVE,
                    reason + (directoryEmpty && policy.unmatchedPolicy() != UnmatchedPolicy.LEAVE
                            ? " (left: the directory is empty, nothing is deleted)" : ""),
                    null, null, null);
        }
        return new MailDecision(MailOutcome.EXCLUDED, excluded.rule(), excluded.detail(), null, null, List.of(),
                List.of(), Disposition.DELETE, reason, null, null, null);
    }

    /** The decision about a mail that made interactions. */
    static MailDecision logged(MailReceived mail, Match.Logged logged) {
        List<MatchedPair> pairs = logged.interactions().stream().map(MatchedPair::of).toList();
        List<String> ids = pairs.stream().map(pair -> LogIds.interactionId(mail.connectionId(),
                mail.internetMessageId(), pair.contactId(), pair.salespersonCode())).toList();
        String reason = "logged " + ids.size() + (ids.size() == 1 ? " interaction" : " interactions");
        // A producer may send more than milliseconds; MongoDB keeps milliseconds, and the events must
        // carry the time the log stores.
        return new MailDecision(MailOutcome.LOGGED, null, null, logged.direction(),
                logged.at().truncatedTo(ChronoUnit.MILLIS), pairs, ids, Disposition.ARCHIVE, reason, null, null, null);
    }

    /** A held mail that now qualifies: logged, and archived from the hold folder. */
    MailDecision loggedLate(MailDecision logged) {
        return new MailDecision(MailOutcome.LOGGED, null, null, logged.direction(), logged.interactionAt(),
                logged.matches(), logged.interactionIds(), Disposition.ARCHIVE, logged.dispositionReason() + " late",
                null, null, holdFolder);
    }

    /** A held mail whose retention ended: the connection's policy for unmatched mail applies in the hold folder. */
    MailDecision expired(UnmatchedPolicy unmatched) {
        Disposition then = unmatched == UnmatchedPolicy.LEAVE ? Disposition.LEAVE : Disposition.DELETE;
        return new MailDecision(MailOutcome.EXCLUDED, exclusionRule, exclusionDetail, null, null, List.of(),
                List.of(), then, "not logged: " + exclusionRule.description() + "; held until " + heldUntil
                        + (then == Disposition.LEAVE ? ", then left" : ", then deleted"), null, null, holdFolder);
    }

    /**
     * The decision about a further copy of a mail decided as this: no interactions of its own, disposed of like the
     * first copy or deleted (unless nothing may be deleted).
     *
     * @param directoryEmpty whether the directory has no salespeople or no contacts: then a copy is not deleted
     *        either, but held or left with the first
     */
    MailDecision forCopy(boolean deleteCopies, boolean directoryEmpty) {
        // A mail left where it is stays there: the connection says so, or nothing may be deleted yet.
        boolean delete = deleteCopies && !directoryEmpty && disposition != Disposition.LEAVE;
        Disposition then = delete ? Disposition.DELETE : disposition;
        String reason = delete ? "a further copy of a mail received before; deleted"
                : "a further copy of a mail received before; " + dispositionReason;
        return new MailDecision(outcome, exclusionRule, exclusionDetail, direction, interactionAt, List.of(),
                List.of(), then, reason, then == Disposition.HOLD ? holdFolder : null,
                then == Disposition.HOLD ? heldUntil : null, null);
    }

    public boolean isLogged() {
        return outcome == MailOutcome.LOGGED;
    }

    public boolean isHeld() {
        return outcome == MailOutcome.HELD;
    }

    /** Where the mail stands once decided: waiting for the ingestor, or left where it is without asking. */
    public MailState initialState() {
        return disposition == Disposition.LEAVE ? MailState.LEFT : MailState.REQUESTED;
    }
}
