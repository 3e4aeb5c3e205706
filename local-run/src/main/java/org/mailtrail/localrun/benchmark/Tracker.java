package org.mailtrail.localrun.benchmark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every mail sent, by internetMessageId, with the phase it belongs to and when it was sent; the probe reports
 * what it sees of each on Kafka and the tracker counts the first sighting per stage.
 */
final class Tracker {

    /** The stages seen of one mail. Written by the probe's one thread only. */
    private static final class Entry {
        final Phase phase;
        final long sentNanos;
        boolean output;
        boolean decided;
        boolean filed;

        Entry(Phase phase, long sentNanos) {
            this.phase = phase;
            this.sentNanos = sentNanos;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Call just before the mail leaves, so that no output can be seen before its entry exists. */
    void sent(Phase phase, String internetMessageId, boolean expectsOutput, long nanos) {
        entries.put(internetMessageId, new Entry(phase, nanos));
        phase.sent(expectsOutput, nanos);
    }

    /** An InteractionLogged (the first of a mail counts), or the echo's copy of a record. */
    void output(String internetMessageId, long nanos) {
        Entry entry = entries.get(internetMessageId);
        if (entry != null && !entry.output) {
            entry.output = true;
            entry.phase.output(entry.sentNanos, nanos);
        }
    }

    /** The matcher's MailDispositionRequested. */
    void decided(String internetMessageId, long nanos) {
        Entry entry = entries.get(internetMessageId);
        if (entry != null && !entry.decided) {
            entry.decided = true;
            entry.phase.decided(nanos);
        }
    }

    /** The ingestor's MailArchived, MailDeleted or MailDispositionFailed. */
    void filed(String internetMessageId, long nanos) {
        Entry entry = entries.get(internetMessageId);
        if (entry != null && !entry.filed) {
            entry.filed = true;
            entry.phase.filed(nanos);
        }
    }
}
