package org.mailtrail.console.services;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every mail of one connection went, as interaction-matcher accounts for it: {@code received} = {@code logged}
 * + {@code excluded} + {@code held} + {@code failed}.
 *
 * @param excludedByRule how many mails each rule kept out of the log, by the rule's name
 * @param held mails kept in the hold folder until the directory knows their people
 * @param heldByRule how many of the held mails each rule would have kept out of the log, by the rule's name
 * @param loggedLate held mails logged after all, once the directory knew their people
 * @param copies further copies of mails already received: the same message delivered to the mailbox again
 * @param failed mails the matcher could not process (dead-lettered and not matched since)
 * @param interactions interactions the logged mails made
 * @param mailbox mails per disposition state: REQUESTED, ARCHIVED, DELETED, LEFT, HELD, FAILED
 * @param directory how much the directory holds; absent when the matcher did not say
 */
public record ConnectionLedger(String connectionId, long received, long logged, long excluded,
        Map<String, Long> excludedByRule, Long held, Map<String, Long> heldByRule, Long loggedLate, Long copies,
        long failed, long interactions, Map<String, Long> mailbox, DirectoryState directory) {

    /**
     * The directory the matcher matches against.
     *
     * @param safeStart true while it has no salespeople or no contacts: the matcher then deletes no mail, it holds
     *        (or leaves) what it cannot log until the directory has entries
     */
    public record DirectoryState(long salespeople, long contacts, boolean safeStart) {

        /** What a page says while the directory is empty. */
        public static final String SAFE_START = "The directory has no salespeople or contacts yet: mailtrail deletes "
                + "nothing; unmatched mail is held (or left) until it has entries.";
    }

    public ConnectionLedger {
        // By the rule's name, as the matcher lists them: a page shows them in the same order every time.
        excludedByRule = byName(excludedByRule);
        // Counts a matcher from before held mail and copies does not give: none of either there.
        held = held == null ? 0L : held;
        loggedLate = loggedLate == null ? 0L : loggedLate;
        copies = copies == null ? 0L : copies;
        heldByRule = byName(heldByRule);
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

    /** Whether the matcher holds back every deletion because the directory is empty. */
    public boolean safeStart() {
        return directory != null && directory.safeStart();
    }

    private static Map<String, Long> byName(Map<String, Long> counts) {
        return counts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
