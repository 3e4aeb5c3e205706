package org.mailtrail.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * A consumer in batch mode handles all the records of a poll together, and still fails one record at a time as a
 * record consumer does: the listener container must learn which record failed, so that the records before it are
 * committed, that record is retried and then dead-lettered alone, and the ones after it come again.
 * <ol>
 * <li>Every record is read first; a record that cannot be read fails at its place, after the ones before it were
 * handled.</li>
 * <li>The records are handled together. A failure because MongoDB or the broker is unreachable fails the batch at
 * its first record: the container pauses and tries the whole batch again once the outage is over, and handling is
 * idempotent.</li>
 * <li>Any other failure of the batch is narrowed down: the records are handled again one by one, and the first
 * that fails alone is the one the container retries and dead-letters.</li>
 * </ol>
 */
public final class RecordBatches {

    private RecordBatches() {
    }

    /**
     * @param records the batch's values, in the order of the poll ({@code null} for a tombstone)
     * @param read reads a value, throwing {@link PoisonMessageException} for one that cannot be read
     * @param together handles a batch of read records
     * @param alone handles one read record
     */
    public static <T> void handle(List<byte[]> records, Function<byte[], T> read, Consumer<List<T>> together,
            Consumer<T> alone) {
        List<T> readable = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                readable.add(read.apply(records.get(i)));
            } catch (RuntimeException unreadable) {
                handleRead(readable, together, alone);
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, i);
            }
        }
        handleRead(readable, together, alone);
    }

    private static <T> void handleRead(List<T> records, Consumer<List<T>> together, Consumer<T> alone) {
        if (records.isEmpty()) {
            return;
        }
        try {
            together.accept(records);
            return;
        } catch (RuntimeException failure) {
            if (OutageRetry.isOutage(failure)) {
                throw new BatchListenerFailedException(failure.getMessage(), failure, 0);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                alone.accept(records.get(i));
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException(failure.getMessage(), failure, i);
            }
        }
    }
}
