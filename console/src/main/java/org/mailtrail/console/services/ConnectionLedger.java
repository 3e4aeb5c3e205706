package org.mailtrail.console.services;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every mail of one connection went, as interaction-matcher accounts for it: {@code received} = {@code logged}
 * + {@code excluded} + {@code failed}.
 *
 * @param excludedByRule how many mails each rule kept out of the log, by the rule's name
 * @param failed mails the matcher could not process (dead-lettered and not matched since)
 * @param interactions interactions the logged mails made
 * @param mailbox mails per disposition state: REQUESTED, ARCHIVED, DELETED, LEFT, FAILED
 */
public record ConnectionLedger(String connectionId, long received, long logged, long excluded,
        Map<String, Long> excludedByRule, long failed, long interactions, Map<String, Long> mailbox) {

    public ConnectionLedger {
        // By the rule's name, as the matcher lists them: a page shows them in the same order every time.
        excludedByRule = excludedByRule == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(excludedByRule));
        mailbox = mailbox == null ? Map.of() : Map.copyOf(mailbox);
    }

    /** How many of the connection's mails are in the disposition state named. */
    public long inMailbox(String state) {
        return mailbox.getOrDefault(state, 0L);
    }

    /** Whether any of its mails failed, in processing or in the mailbox: only then is there a list to ask for. */
    public boolean hasFailures() {
        return failed > 0 || inMailbox("FAILED") > 0;
    }
}
