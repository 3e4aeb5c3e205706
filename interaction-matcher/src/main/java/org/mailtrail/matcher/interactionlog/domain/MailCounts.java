package org.mailtrail.matcher.interactionlog.domain;

import java.util.Map;

/**
 * The log's mails of one connection, counted.
 *
 * @param excludedByRule mails not logged, by the name of the rule that excluded them
 * @param byState mails by the name of their {@link MailState}
 * @param interactions interactions the logged mails made
 */
public record MailCounts(long logged, Map<String, Long> excludedByRule, Map<String, Long> byState,
        long interactions) {

    public static final MailCounts NONE = new MailCounts(0, Map.of(), Map.of(), 0);

    public MailCounts {
        excludedByRule = Map.copyOf(excludedByRule);
        byState = Map.copyOf(byState);
    }
}
