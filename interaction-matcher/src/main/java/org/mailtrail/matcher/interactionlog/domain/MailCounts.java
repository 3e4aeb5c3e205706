package org.mailtrail.matcher.interactionlog.domain;

import java.util.Map;

/**
 * The log's mails of one connection, counted copy by copy: a further copy of a mail counts as its first copy does.
 *
 * @param excludedByRule mails not logged and not held, by the name of the rule that excluded them
 * @param heldByRule mails held now, by the name of the rule that excluded them
 * @param loggedLate of the logged mails, those that were held first
 * @param copies further copies of a mail received before
 * @param byState mails by the name of their {@link MailState}
 * @param interactions interactions the logged mails made
 */
public record MailCounts(long logged, Map<String, Long> excludedByRule, Map<String, Long> heldByRule,
        long loggedLate, long copies, Map<String, Long> byState, long interactions) {

    public static final MailCounts NONE = new MailCounts(0, Map.of(), Map.of(), 0, 0, Map.of(), 0);

    public MailCounts {
        excludedByRule = Map.copyOf(excludedByRule);
        heldByRule = Map.copyOf(heldByRule);
        byState = Map.copyOf(byState);
    }
}
