package org.mailtrail.localrun.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StreamLatencyTest {

    @Test
    void isExactWhenEveryMailWasProcessed() {
        Histogram processed = histogram(1_000, 100);

        BaselinePoller.StreamLatency latency = BaselinePoller.StreamLatency.of(processed, histogram(0, 0));

        assertThat(latency.mails()).isEqualTo(100);
        assertThat(latency.p50()).isEqualTo(1.0, within(0.01));
        assertThat(latency.p50AtLeast()).isFalse();
        assertThat(latency.p99AtLeast()).isFalse();
    }

    @Test
    void marksPercentilesThatMailsStillWaitingDecideAsLowerBounds() {
        Histogram processed = histogram(2_000_000, 2);
        Histogram waiting = histogram(600_000_000, 98);

        BaselinePoller.StreamLatency latency = BaselinePoller.StreamLatency.of(processed, waiting);

        assertThat(latency.unprocessed()).isEqualTo(98);
        assertThat(latency.p50()).as("ms").isGreaterThan(590_000);
        assertThat(latency.p50AtLeast()).isTrue();
        assertThat(latency.p99AtLeast()).isTrue();
    }

    @Test
    void keepsALowPercentileExactWhenTheProcessedMailsAloneReachIt() {
        Histogram processed = histogram(1_000, 90);
        Histogram waiting = histogram(60_000_000, 10);

        BaselinePoller.StreamLatency latency = BaselinePoller.StreamLatency.of(processed, waiting);

        assertThat(latency.p50AtLeast()).isFalse();
        assertThat(latency.p95AtLeast()).isTrue();
    }

    private static Histogram histogram(long micros, int count) {
        Histogram histogram = new Histogram(Phase.MAX_MICROS, 3);
        if (count > 0) {
            histogram.recordValueWithCount(micros, count);
        }
        return histogram;
    }
}
