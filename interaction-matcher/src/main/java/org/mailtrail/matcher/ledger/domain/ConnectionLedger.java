package org.mailtrail.matcher.ledger.domain;

import java.util.Map;

/**
 * Where every mail of one connection went, counted copy by copy, as the mailbox received them. {@code received} =
 * {@code logged} + {@code excluded} + {@code held} + {@code failed}: nothing the ingestor published is
 * unaccounted for; a further copy of a mail counts where its first copy does.
 *
 * @param logged mails logged, at once or late
 * @param excluded mails not logged and no longer held (deleted, or left where they are)
 * @param excludedByRule how many of {@code excluded} each rule kept out of the log
 * @param held mails held now, waiting to be matched again until their retention ends
 * @param heldByRule how many of {@code held} each rule kept out of the log
 * @param loggedLate of {@code logged}, those that were held first
 * @param copies of {@code received}, further copies of a mail received before
 * @param failed mails dead-lettered and never matched since
 * @param interactions interactions the logged mails made
 * @param mailbox mails per disposition state: REQUESTED (no answer from the ingestor yet), ARCHIVED, DELETED, LEFT
 *        (in place by the connection's choice), HELD (in the hold folder), FAILED
 * @param directory what the directory holds, on which whether anything may be deleted depends
 */
public record ConnectionLedger(
        String connectionId,
        long received,
        long logged,
        long excluded,
        Map<String, Long> excludedByRule,
        long held,
        Map<String, Long> heldByRule,
        long loggedLate,
        long copies,
        long failed,
        long interactions,
        Map<String, Long> mailbox,
        Directory directory) {

    /**
     * @param safeStart the directory has no salespeople or no contacts: no mail can be logged, and mailtrail deletes
     *        nothing; what it would delete is held (or left) until the directory has entries
     */
    public record Directory(long salespeople, long contacts, boolean safeStart) {
    }
}
