package org.mailtrail.localrun.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.mailtrail.events.ContractJson;

/**
 * Everything one run measured, printed as tables and written as JSON with the same figures. Ratios are
 * mailtrail ÷ baseline (or matcher ÷ echo) throughout; a ratio that cannot be formed is null.
 */
record Report(String startedAt, double wallSeconds, Machine machine, Map<String, Object> options, String clock,
        List<Rate> rates, List<ImapRate> imap, Mailtrail mailtrail, List<Direct> direct, List<ProcessSampler.Figures> processes,
        Baseline baseline, List<Comparison> comparison, long deadLettered, List<String> notes) {

    /**
     * One delivery rate into mailtrail's mailbox.
     *
     * @param latency          delivery → first InteractionLogged of each logged mail, in ms
     * @param loggedPerSecond  logged mails per second from the first delivery to the last mail logged
     * @param filedAfterSeconds from the first delivery until every mail was archived or deleted in the mailbox
     * @param keptUp           whether mail was logged about as fast as it came (logged/s at least 90 % of the
     *                         loggable share of the rate); when not, latency is mostly time spent queueing
     */
    record Rate(int ratePerSecond, double deliveringSeconds, long delivered, long loggable, long logged,
            Phase.Latency latency, double loggedPerSecond, double loggedAfterSeconds, double filedAfterSeconds,
            boolean keptUp, GraphBill.Usage graph, double roundTripsPerLoggedMail, double throttleUnitsPerLoggedMail,
            long received429) {

        static Rate of(int rate, Phase.Figures phase, GraphBill.Usage graph) {
            boolean keptUp = phase.outputPerSecond() >= 0.9 * rate * phase.loggable() / Math.max(1, phase.sent());
            return new Rate(rate, phase.sendingSeconds(), phase.sent(), phase.loggable(), phase.output(),
                    phase.latency(), phase.outputPerSecond(), phase.outputAfterSeconds(), phase.filedAfterSeconds(),
                    keptUp, graph, per(graph.roundTrips(), phase.output()), per(graph.throttleUnits(), phase.output()),
                    graph.received429());
        }
    }

    /**
     * One delivery rate over SMTP into the IMAP mailbox, read by an IMAP connection with IDLE, beside the same rate
     * delivered into the Graph mailbox in the same run.
     *
     * @param latency      SMTP delivery → first InteractionLogged of each logged mail, in ms
     * @param graphLatency the same rate's Graph phase, delivery → first InteractionLogged, in ms
     */
    record ImapRate(int ratePerSecond, long delivered, long loggable, long logged, Phase.Latency latency,
            double loggedPerSecond, double filedAfterSeconds, boolean keptUp, Phase.Latency graphLatency,
            Double p50Ratio, Double p99Ratio) {

        static ImapRate of(int rate, Phase.Figures imap, Phase.Figures graph) {
            boolean keptUp = imap.outputPerSecond() >= 0.9 * rate * imap.loggable() / Math.max(1, imap.sent());
            return new ImapRate(rate, imap.sent(), imap.loggable(), imap.output(), imap.latency(),
                    imap.outputPerSecond(), imap.filedAfterSeconds(), keptUp, graph.latency(),
                    ratio(imap.latency().p50(), graph.latency().p50()), ratio(imap.latency().p99(),
                            graph.latency().p99()));
        }
    }

    /**
     * mailtrail over all rates together: the stream the baseline also got.
     *
     * @param loggedPerSecond all logged mails over the sum of the rates' windows (first delivery to last logged)
     * @param backlog         mails left in mailtrail's inbox at the end
     */
    record Mailtrail(long delivered, long logged, Phase.Latency latency, double loggedPerSecond, GraphBill.Usage graph,
            double roundTripsPerMail, double roundTripsPerLoggedMail, double throttleUnitsPerMail,
            double throttleUnitsPerLoggedMail, int backlog) {

        static Mailtrail of(List<Phase> phases, List<Rate> rates, int backlog) {
            Histogram all = new Histogram(Phase.MAX_MICROS, 3);
            phases.forEach(phase -> all.add(phase.latencyHistogram()));
            long delivered = rates.stream().mapToLong(Rate::delivered).sum();
            long logged = rates.stream().mapToLong(Rate::logged).sum();
            double loggingSeconds = rates.stream().mapToDouble(Rate::loggedAfterSeconds).sum();
            GraphBill.Usage graph = rates.stream().map(Rate::graph).reduce(GraphBill.Usage.none(), GraphBill.Usage::plus);
            return new Mailtrail(delivered, logged, Phase.Latency.of(all), loggingSeconds > 0 ? logged / loggingSeconds : 0,
                    graph, per(graph.roundTrips(), delivered), per(graph.roundTrips(), logged),
                    per(graph.throttleUnits(), delivered), per(graph.throttleUnits(), logged), backlog);
        }
    }

    /**
     * One pipeline of the matcher-alone comparison: records sent, outputs seen (echo copies; InteractionLogged of
     * the loggable mails), latency send → output in ms, and records per second until all were through.
     */
    record Pipeline(String name, long sent, long outputs, Phase.Latency latency, double throughPerSecond) {
    }

    /** The matcher alone (MailReceived injected) next to a raw broker echo, at one rate, in the same run. */
    record Direct(int ratePerSecond, double durationSeconds, String connectionId, Pipeline echo, Pipeline matcher,
            Double p50Ratio, Double p99Ratio) {
    }

    /**
     * Business Central's way over the same stream.
     *
     * @param latency       delivery → processed, of the mails it processed, in ms
     * @param streamLatency over every loggable mail delivered, unprocessed ones counted as waiting until the end
     */
    record Baseline(String interval, int polls, List<BaselinePoller.Poll> pollLog, long delivered, long processed,
            long logged, Phase.Latency latency, BaselinePoller.StreamLatency streamLatency, double windowSeconds,
            double processedPerSecond, double loggedPerSecond, int backlog, GraphBill.Usage graph,
            double roundTripsPerProcessedMail, double throttleUnitsPerProcessedMail, long received429) {

        /** As of now: mails still in the baseline's inbox count as waiting until this moment. */
        static Baseline of(BaselinePoller poller, GraphBill.Usage graph, String interval, int polls) {
            long processed = poller.processed();
            double window = poller.windowSeconds();
            return new Baseline(interval, polls, poller.polls(), poller.delivered(), processed, poller.logged(),
                    poller.latency(), poller.streamLatency(System.nanoTime()), window,
                    window > 0 ? processed / window : 0, window > 0 ? poller.logged() / window : 0, poller.backlog(),
                    graph, per(graph.roundTrips(), processed), per(graph.throttleUnits(), processed),
                    graph.received429());
        }
    }

    /** One line of the side-by-side table; {@code baselineAtLeast} when the baseline's figure is a lower bound. */
    record Comparison(String figure, double mailtrail, double baseline, boolean baselineAtLeast, Double ratio) {

        static Comparison of(String figure, double mailtrail, double baseline) {
            return of(figure, mailtrail, baseline, false);
        }

        static Comparison of(String figure, double mailtrail, double baseline, boolean baselineAtLeast) {
            return new Comparison(figure, mailtrail, baseline, baselineAtLeast, Report.ratio(mailtrail, baseline));
        }

        /**
         * The figures both sides have for the same stream. Latency is over every loggable mail, so that mail the
         * baseline never reached counts (as a lower bound) instead of dropping out.
         */
        static List<Comparison> of(Mailtrail mailtrail, Baseline baseline) {
            BaselinePoller.StreamLatency stream = baseline.streamLatency();
            return List.of(
                    of("latency p50, every loggable mail (s)", mailtrail.latency().p50() / 1000, stream.p50() / 1000,
                            stream.p50AtLeast()),
                    of("latency p99, every loggable mail (s)", mailtrail.latency().p99() / 1000, stream.p99() / 1000,
                            stream.p99AtLeast()),
                    of("logged mails per second", mailtrail.loggedPerSecond(), baseline.loggedPerSecond()),
                    of("Graph round trips per mail", mailtrail.roundTripsPerMail(),
                            baseline.roundTripsPerProcessedMail()),
                    of("Graph throttle units per mail", mailtrail.throttleUnitsPerMail(),
                            baseline.throttleUnitsPerProcessedMail()),
                    of("mails left in the inbox at the end", mailtrail.backlog(), baseline.backlog()));
        }
    }

    static Double ratio(double numerator, double denominator) {
        return denominator == 0 || Double.isNaN(numerator) ? null : numerator / denominator;
    }

    private static double per(long amount, long mails) {
        return mails == 0 ? 0 : (double) amount / mails;
    }

    void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }

    void print(PrintStream out) {
        out.printf("%nmailtrail benchmark, %s, %.0f s%n", startedAt, wallSeconds);
        out.printf("machine: %d cores (%s), %.1f GB, %s, %s; load average at start %s; commit %s%n", machine.cores(),
                machine.cpu(), machine.memoryGb(), machine.os(), machine.jdk(), machine.loadAverage(), machine.gitCommit());
        out.printf("options: %s%n", options);
        out.printf("clock: %s%n", clock);
        printRates(out);
        printImap(out);
        printDirect(out);
        printProcesses(out);
        printBaseline(out);
        printComparison(out);
        out.printf("%nrecords dead-lettered by any service: %d%n", deadLettered);
        notes.forEach(note -> out.println("note: " + note));
    }

    private void printRates(PrintStream out) {
        out.printf("%nmailtrail: delivery → InteractionLogged, per rate%n");
        out.printf("%7s %9s %7s %8s %8s %8s %8s %9s %9s %9s %6s %9s%n", "rate/s", "delivered", "logged", "p50 ms",
                "p95 ms", "p99 ms", "max ms", "logged/s", "RT/logged", "TU/logged", "429s", "filed in");
        for (Rate rate : rates) {
            out.printf("%7d %9d %7d %8.1f %8.1f %8.1f %8.1f %9.1f %9.3f %9.3f %6d %8.0fs%s%n", rate.ratePerSecond(),
                    rate.delivered(), rate.logged(), rate.latency().p50(), rate.latency().p95(), rate.latency().p99(),
                    rate.latency().max(), rate.loggedPerSecond(), rate.roundTripsPerLoggedMail(),
                    rate.throttleUnitsPerLoggedMail(), rate.received429(), rate.filedAfterSeconds(),
                    rate.keptUp() ? "" : "  (did not keep up)");
        }
        out.printf("%7s %9d %7d %8.1f %8.1f %8.1f %8.1f %9.1f %9.3f %9.3f %6d%n", "all", mailtrail.delivered(),
                mailtrail.logged(), mailtrail.latency().p50(), mailtrail.latency().p95(), mailtrail.latency().p99(),
                mailtrail.latency().max(), mailtrail.loggedPerSecond(), mailtrail.roundTripsPerLoggedMail(),
                mailtrail.throttleUnitsPerLoggedMail(), mailtrail.graph().received429());
        out.println("  RT = Graph HTTP round trips (a $batch counts once), TU = Graph throttle units (each batch item is"
                + " one), 429s incl. batch items; logged/s from the first delivery to the last mail logged");
    }

    private void printImap(PrintStream out) {
        if (imap.isEmpty()) {
            return;
        }
        out.printf("%nIMAP with IDLE: SMTP delivery → InteractionLogged, per rate, beside Graph's phase at the same rate%n");
        out.printf("%7s %9s %7s %8s %8s %8s %8s %9s %9s %12s %12s %8s %8s%n", "rate/s", "delivered", "logged",
                "p50 ms", "p95 ms", "p99 ms", "max ms", "logged/s", "filed in", "Graph p50 ms", "Graph p99 ms",
                "p50 ÷", "p99 ÷");
        for (ImapRate rate : imap) {
            out.printf("%7d %9d %7d %8.1f %8.1f %8.1f %8.1f %9.1f %8.0fs %12.1f %12.1f %8s %8s%s%n",
                    rate.ratePerSecond(), rate.delivered(), rate.logged(), rate.latency().p50(), rate.latency().p95(),
                    rate.latency().p99(), rate.latency().max(), rate.loggedPerSecond(), rate.filedAfterSeconds(),
                    rate.graphLatency().p50(), rate.graphLatency().p99(), times(rate.p50Ratio()),
                    times(rate.p99Ratio()), rate.keptUp() ? "" : "  (did not keep up)");
        }
        out.println("  ÷ = IMAP over Graph; IMAP's clock starts as the SMTP transaction that delivers the mail begins");
    }

    private void printDirect(PrintStream out) {
        if (direct.isEmpty()) {
            return;
        }
        out.printf("%nmatcher alone (MailReceived injected) vs raw broker echo (consume + produce), send → output%n");
        out.printf("%7s %-20s %7s %7s %8s %8s %8s %8s %9s%n", "rate/s", "pipeline", "sent", "outputs", "p50 ms",
                "p95 ms", "p99 ms", "max ms", "through/s");
        for (Direct at : direct) {
            for (Pipeline pipeline : List.of(at.echo(), at.matcher())) {
                out.printf("%7d %-20s %7d %7d %8.1f %8.1f %8.1f %8.1f %9.1f%n", at.ratePerSecond(), pipeline.name(),
                        pipeline.sent(), pipeline.outputs(), pipeline.latency().p50(), pipeline.latency().p95(),
                        pipeline.latency().p99(), pipeline.latency().max(), pipeline.throughPerSecond());
            }
            out.printf("%7s %-20s %15s %8s %8s %8s%n", "", "matcher ÷ echo", "", times(at.p50Ratio()), "",
                    times(at.p99Ratio()));
        }
    }

    private void printProcesses(PrintStream out) {
        out.printf("%nper process while measuring: memory maxima (MiB) and CPU time used%n");
        out.printf("%-26s %8s %9s %10s %10s %9s%n", "process", "pid", "RSS", "peak RSS", "heap used", "CPU s");
        for (ProcessSampler.Figures figures : processes) {
            out.printf("%-26s %8d %9.1f %10.1f %10s %9.1f%n", figures.process(), figures.pid(), figures.maxRssMb(),
                    figures.peakRssMb(), figures.maxHeapUsedMb() < 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                            figures.maxHeapUsedMb()), figures.cpuSeconds());
        }
    }

    private void printBaseline(PrintStream out) {
        out.printf("%nbaseline, Business Central's way: GET inbox/messages?$top=%d every %s, then one move per mail;"
                + " %d polls%n", BaselinePoller.PAGE, baseline.interval(), baseline.polls());
        out.printf("%9s %9s %7s %9s %9s %9s %11s %8s %12s %12s %6s%n", "delivered", "processed", "logged", "p50 s",
                "p95 s", "p99 s", "processed/s", "backlog", "RT/processed", "TU/processed", "429s");
        out.printf("%9d %9d %7d %9.1f %9.1f %9.1f %11.3f %8d %12.3f %12.3f %6d%n", baseline.delivered(),
                baseline.processed(), baseline.logged(), baseline.latency().p50() / 1000, baseline.latency().p95() / 1000,
                baseline.latency().p99() / 1000, baseline.processedPerSecond(), baseline.backlog(),
                baseline.roundTripsPerProcessedMail(), baseline.throttleUnitsPerProcessedMail(), baseline.received429());
        out.println("  latency of the mails it processed; processed/s from the first delivery to the end of its last poll");
        BaselinePoller.StreamLatency stream = baseline.streamLatency();
        out.printf("  over all %d loggable mails (%d never processed, counted as waiting until the end): p50 %s s,"
                + " p95 %s s, p99 %s s%n", stream.mails(), stream.unprocessed(), seconds(stream.p50(), stream.p50AtLeast()),
                seconds(stream.p95(), stream.p95AtLeast()), seconds(stream.p99(), stream.p99AtLeast()));
        for (BaselinePoller.Poll poll : baseline.pollLog()) {
            out.printf("  poll %d at %.0f s after the first delivery: %d messages, %.1f s%n", poll.number(),
                    poll.startedAfterSeconds(), poll.listed(), poll.tookSeconds());
        }
    }

    private void printComparison(PrintStream out) {
        out.printf("%nside by side: mailtrail (all rates) and the baseline over the same stream%n");
        out.printf("%-42s %12s %12s %16s%n", "figure", "mailtrail", "baseline", "mailtrail ÷ base");
        for (Comparison row : comparison) {
            out.printf("%-42s %12s %12s %16s%n", row.figure(), number(row.mailtrail()),
                    (row.baselineAtLeast() ? "≥ " : "") + number(row.baseline()),
                    (row.baselineAtLeast() ? "≤ " : "") + times(row.ratio()));
        }
    }

    private static String seconds(double millis, boolean atLeast) {
        return (atLeast ? "≥ " : "") + String.format(Locale.ROOT, "%.1f", millis / 1000);
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    /** {@code 3.20×}, or {@code 1/850} for small ratios, which read better inverted. */
    static String times(Double ratio) {
        if (ratio == null) {
            return "n/a";
        }
        if (ratio > 0 && ratio < 0.1) {
            return String.format(Locale.ROOT, "1/%,.0f", 1 / ratio);
        }
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
