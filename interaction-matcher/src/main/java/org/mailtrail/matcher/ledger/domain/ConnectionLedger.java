package org.mailtrail.matcher.ledger.domain;

import java.util.Map;

/**
 * Where every mail of one connection went. {@code received} = {@code logged} + {@code excluded} +
 * {@code failed}: nothing the ingestor published is unaccounted for.
 *
 * @param excludedByRule how many mails each rule kept out of the log
 * @param failed mails dead-lettered and never matched since
 * @param interactions interactions the logged mails made
 * @param mailbox mails per disposition state: REQUESTED (no answer from the ingestor yet), ARCHIVED,
 *        DELETED, LEFT (in the Inbox by the connection's choice), FAILED
 */
public record ConnectionLedger(
        String connectionId,
        long received,
        long logged,
        long excluded,
        Map<String, Long> excludedByRule,
        long failed,
        long interactions,
        Map<String, Long> mailbox) {
}
