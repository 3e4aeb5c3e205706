package org.mailtrail.localrun.benchmark;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * One measured stretch of the run (a rate, the echo, the matcher alone): how many mails went in, how many came
 * out at each stage, and the latency from sending a mail to its first output. It settles once every mail has
 * reached the stage the phase waits for.
 */
final class Phase {

    /** How far every mail of the phase must get before it is over. */
    enum Until {
        /** Its first output seen (the echo's copy, or the first InteractionLogged of each loggable mail). */
        OUTPUT,
        /** Also the matcher's disposition of every mail seen. */
        DECIDED,
        /** Also the ingestor's outcome of every mail seen: archived or deleted in the mailbox. */
        FILED
    }

    /** Latency percentiles in milliseconds. */
    record Latency(long count, double p50, double p95, double p99, double max) {

        static Latency of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                    millis(histogram.getValueAtPercentile(95)), millis(histogram.getValueAtPercentile(99)),
                    millis(histogram.getMaxValue()));
        }

        private static double millis(long micros) {
            return Math.round(micros / 100.0) / 10.0;
        }
    }

    /**
     * What the phase measured.
     *
     * @param outputPerSecond    outputs per second from the first mail sent to the last output seen
     * @param throughPerSecond   mails per second from the first sent until all were through (settled)
     * @param outputAfterSeconds from the first mail sent to the last output
     * @param filedAfterSeconds  from the first mail sent to the last mail filed (0 when not waited for)
     */
    record Figures(String name, long sent, long loggable, long output, long decided, long filed, Latency latency,
            double outputPerSecond, double throughPerSecond, double sendingSeconds, double outputAfterSeconds,
            double filedAfterSeconds) {
    }

    static final long MAX_MICROS = TimeUnit.HOURS.toMicros(2);

    private final String name;
    private final Until until;
    private final Histogram latency = new Histogram(MAX_MICROS, 3);
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private long sent;
    private long loggable;
    private long output;
    private long decided;
    private long filed;
    private long firstSentNanos;
    private long lastSentNanos;
    private long lastOutputNanos;
    private long lastFiledNanos;
    private long lastNanos;
    private boolean sendingOver;

    Phase(String name, Until until) {
        this.name = name;
        this.until = until;
    }

    synchronized void sent(boolean expectsOutput, long nanos) {
        if (sent++ == 0) {
            firstSentNanos = nanos;
        }
        lastSentNanos = nanos;
        if (expectsOutput) {
            loggable++;
        }
    }

    synchronized void output(long sentNanos, long nanos) {
        output++;
        lastOutputNanos = Math.max(lastOutputNanos, nanos);
        lastNanos = Math.max(lastNanos, nanos);
        latency.recordValue(Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos - sentNanos))));
        checkSettled();
    }

    synchronized void decided(long nanos) {
        decided++;
        lastNanos = Math.max(lastNanos, nanos);
        checkSettled();
    }

    synchronized void filed(long nanos) {
        filed++;
        lastFiledNanos = Math.max(lastFiledNanos, nanos);
        lastNanos = Math.max(lastNanos, nanos);
        checkSettled();
    }

    /** Nothing more will be sent: the phase settles once everything sent has come through. */
    synchronized void sendingOver() {
        sendingOver = true;
        checkSettled();
    }

    /** Grows with every output, decision and filing; unchanged means nothing moved. */
    synchronized long progress() {
        return output + decided + filed;
    }

    synchronized String remaining() {
        return switch (until) {
            case OUTPUT -> (loggable - output) + " of " + loggable + " outputs";
            case DECIDED -> (loggable - output) + " of " + loggable + " InteractionLogged, " + (sent - decided) + " of "
                    + sent + " dispositions";
            case FILED -> (loggable - output) + " of " + loggable + " InteractionLogged, " + (sent - decided) + " of "
                    + sent + " dispositions, " + (sent - filed) + " of " + sent + " archived or deleted";
        };
    }

    CompletableFuture<Void> settled() {
        return settled;
    }

    String name() {
        return name;
    }

    synchronized Figures figures() {
        double outputSeconds = seconds(lastOutputNanos - firstSentNanos);
        double throughSeconds = seconds(Math.max(lastNanos, lastSentNanos) - firstSentNanos);
        return new Figures(name, sent, loggable, output, decided, filed, Latency.of(latency),
                outputSeconds > 0 ? output / outputSeconds : 0, throughSeconds > 0 ? sent / throughSeconds : 0,
                seconds(lastSentNanos - firstSentNanos), outputSeconds,
                until == Until.FILED ? seconds(lastFiledNanos - firstSentNanos) : 0);
    }

    /** A copy of the latency histogram, to be combined with other phases'. */
    synchronized Histogram latencyHistogram() {
        return latency.copy();
    }

    private void checkSettled() {
        if (!sendingOver || output < loggable) {
            return;
        }
        boolean done = switch (until) {
            case OUTPUT -> true;
            case DECIDED -> decided >= sent;
            case FILED -> decided >= sent && filed >= sent;
        };
        if (done) {
            settled.complete(null);
        }
    }

    private static double seconds(long nanos) {
        return Math.max(0, nanos) / 1e9;
    }
}
