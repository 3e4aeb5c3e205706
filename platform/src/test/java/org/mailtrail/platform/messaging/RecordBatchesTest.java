package org.mailtrail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;

class RecordBatchesTest {

    private final List<List<String>> together = new ArrayList<>();
    private final List<String> alone = new ArrayList<>();

    @Test
    void handlesEveryRecordTogether() {
        RecordBatches.handle(values("a", "b", "c"), RecordBatchesTest::read, together::add, alone::add);

        assertThat(together).containsExactly(List.of("a", "b", "c"));
        assertThat(alone).isEmpty();
    }

    @Test
    void handlesTheRecordsBeforeAnUnreadableOneAndFailsAtIt() {
        assertThatThrownBy(() -> RecordBatches.handle(values("a", "b", "?", "d"), RecordBatchesTest::read,
                together::add, alone::add))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(2);
                    assertThat(failed.getCause()).isInstanceOf(PoisonMessageException.class);
                });
        assertThat(together).containsExactly(List.of("a", "b"));
    }

    @Test
    void failsATombstoneAsUnreadable() {
        assertThatThrownBy(() -> RecordBatches.handle(Arrays.asList(bytes("a"), null), RecordBatchesTest::read,
                together::add, alone::add))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(1));
        assertThat(together).containsExactly(List.of("a"));
    }

    @Test
    void failsTheWholeBatchAtItsFirstRecordWhileMongoDbIsUnreachable() {
        assertThatThrownBy(() -> RecordBatches.handle(values("a", "b"), RecordBatchesTest::read, batch -> {
            throw new DataAccessResourceFailureException("Timed out while waiting for a server");
        }, alone::add)).isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
            assertThat(failed.getIndex()).isZero();
            assertThat(OutageRetry.isOutage(failed)).isTrue();
        });
        assertThat(alone).as("nothing is tried alone during an outage").isEmpty();
    }

    @Test
    void findsTheRecordThatFailsTheBatchByHandlingEachAlone() {
        assertThatThrownBy(() -> RecordBatches.handle(values("a", "b", "bad", "d"), RecordBatchesTest::read,
                batch -> {
                    throw new IllegalStateException("one of them is bad");
                }, value -> {
                    if (value.equals("bad")) {
                        throw new IllegalStateException("bad alone");
                    }
                    alone.add(value);
                })).isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(2);
                    assertThat(failed.getCause()).hasMessage("bad alone");
                });
        assertThat(alone).containsExactly("a", "b");
    }

    private static String read(byte[] value) {
        if (value == null || new String(value, StandardCharsets.UTF_8).equals("?")) {
            throw new PoisonMessageException("not readable");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static List<byte[]> values(String... values) {
        return Arrays.stream(values).map(RecordBatchesTest::bytes).toList();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
