package org.mailtrail.localrun.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.events.mail.MailReceived;

/**
 * {@code ./mailtrail benchmark}: starts the stack on free ports in a temporary directory with graph-emulator in
 * this JVM, connects a mailbox with push notifications, loads a directory, and then measures in one run:
 * <ol>
 * <li>per rate, mails delivered into the mailbox → InteractionLogged on Kafka (latency, throughput) and what
 * Graph was asked for per logged mail, each rate until every mail is archived or deleted;</li>
 * <li>at each rate, the matcher alone (MailReceived injected) next to a raw broker echo;</li>
 * <li>memory and CPU time of every process throughout;</li>
 * <li>Business Central's way of reading the same stream from its own mailbox, concurrently;</li>
 * <li>with {@code --imap}, after each rate's Graph phase, the same rate over SMTP into an IMAP mailbox that an IMAP
 * connection reads with IDLE: delivery → InteractionLogged beside Graph's.</li>
 * </ol>
 * Prints the figures and writes them as JSON; exits 1 when the run could not complete.
 */
public final class Benchmark {

    private static final String BASELINE_CLIENT = "0b3c9d1e-7a2f-4c5b-9e8d-6f1a2b3c4d5e";
    private static final String BASELINE_SECRET = "business-central-secret";
    private static final String BASELINE_MAILBOX = "bc-log@contoso.com";
    /**
     * Injected mail belongs to a connection config-service does not have: the matcher treats it with the default
     * settings (Business Central's rules, unmatched mail deleted), and the ingestor keeps the dispositions it gets
     * for it pending, because no instance runs that connection, instead of asking Graph to move mail that is not
     * there.
     */
    private static final String DIRECT_CONNECTION = "benchmark-direct";
    private static final String CLOCK = "starts when the benchmark delivers a mail into the emulator's mailbox; "
            + "the emulator queues the change notification at delivery and POSTs it at once (up to 50 ms later when "
            + "several ride along in one POST); it does not record when it sent each one";
    private static final int WARMUP_RATE = 20;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Path root;
    private final BenchmarkOptions options;
    private final Workload workload;
    private final Tracker tracker = new Tracker();
    /** One thread each, so that a slow sample or a baseline poll never delays a delivery tick. */
    private final ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor(daemon("pacer"));
    private final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor(daemon("sampler"));
    private final ScheduledExecutorService baselineJob = Executors.newSingleThreadScheduledExecutor(daemon("baseline"));
    private final Pacer pacer = new Pacer(pacing);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private StackUnderTest stack;
    private EventProbe probe;

    private Benchmark(Path root, BenchmarkOptions options) {
        this.root = root;
        this.options = options;
        this.workload = new Workload(options.salespeople(), options.contacts());
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        Benchmark benchmark = new Benchmark(Path.of("").toAbsolutePath(), options);
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::close, "benchmark-stop"));
        int status = 0;
        try {
            benchmark.run();
        } catch (Exception e) {
            System.err.printf("%nbenchmark failed: %s%n", e.getMessage());
            if (benchmark.stack != null) {
                System.err.println("the services' logs are in " + benchmark.stack.logs());
            }
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        long startedNanos = System.nanoTime();
        Machine machine = Machine.describe(root);
        stack = StackUnderTest.create(root, options.imap(), Benchmark::step);
        closing.add(stack);
        stack.start(workload, Benchmark::step);

        GraphBill mailtrailBill = new GraphBill(stack.emulator(), StackUnderTest.MAILBOX);
        GraphEmulator baselineEmulator = GraphEmulator.builder().port(0).tenant(StackUnderTest.TENANT, "contoso.com")
                .app(BASELINE_CLIENT, BASELINE_SECRET, BASELINE_MAILBOX)
                .mailbox(BASELINE_MAILBOX, "Business Central log").build().start();
        closing.add(baselineEmulator);
        GraphBill baselineBill = new GraphBill(baselineEmulator, BASELINE_MAILBOX);
        sampling.scheduleAtFixedRate(() -> {
            mailtrailBill.drain();
            baselineBill.drain();
        }, 1, 1, TimeUnit.SECONDS);
        BaselinePoller baseline = new BaselinePoller(baselineEmulator, StackUnderTest.TENANT, BASELINE_CLIENT,
                BASELINE_SECRET, BASELINE_MAILBOX, workload);

        KafkaInjector injector = new KafkaInjector(stack.bootstrapServers());
        closing.add(injector);
        injector.createEchoTopics();
        probe = new EventProbe(stack.bootstrapServers(), tracker, KafkaInjector.ECHO_OUT).start();
        closing.add(probe);

        if (options.warmup() > 0) {
            step("warm-up: " + options.warmup() + " mails at " + WARMUP_RATE + "/s (not measured)");
            deliverPhase("warmup", WARMUP_RATE, Duration.ofMillis(options.warmup() * 1000L / WARMUP_RATE), null,
                    stack::deliver);
            if (options.imap()) {
                deliverPhase("imap-warmup", WARMUP_RATE, Duration.ofMillis(options.warmup() * 1000L / WARMUP_RATE),
                        null, stack::deliverImap);
            }
        }

        ProcessSampler processes = stack.processSampler();
        processes.sample();
        sampling.scheduleAtFixedRate(processes::sample, 5, 5, TimeUnit.SECONDS);

        step("baseline: Business Central's job polls " + BASELINE_MAILBOX + " every "
                + BenchmarkOptions.format(options.baselineInterval()) + ", " + options.baselinePolls()
                + " times, while the same mail is delivered to both mailboxes");
        CompletableFuture<Void> baselineDone = baseline.start(baselineJob, options.baselineInterval(),
                options.baselinePolls());

        List<Report.Rate> rates = new ArrayList<>();
        List<Report.ImapRate> imapRates = new ArrayList<>();
        List<Phase> ratePhases = new ArrayList<>();
        for (int rate : options.rates()) {
            step(rate + " mails/s into " + StackUnderTest.MAILBOX + " for " + BenchmarkOptions.format(options.duration()));
            GraphBill.Usage before = mailtrailBill.usage();
            Phase phase = deliverPhase("rate-" + rate, rate, options.duration(), baseline, stack::deliver);
            GraphBill.Usage graph = mailtrailBill.usage().minus(before);
            ratePhases.add(phase);
            rates.add(Report.Rate.of(rate, phase.figures(), graph));
            if (options.imap()) {
                step(rate + " mails/s over SMTP into " + StackUnderTest.IMAP_MAILBOX + " (IMAP, IDLE) for "
                        + BenchmarkOptions.format(options.duration()));
                Phase imap = deliverPhase("imap-rate-" + rate, rate, options.duration(), null, stack::deliverImap);
                imapRates.add(Report.ImapRate.of(rate, imap.figures(), phase.figures()));
            }
        }

        List<Report.Direct> direct = direct(injector);

        if (!baselineDone.isDone()) {
            step("waiting for the baseline's last poll");
        }
        await(baselineDone, options.baselineInterval().multipliedBy(options.baselinePolls()).plusMinutes(10),
                "the baseline's polls");
        processes.sample();

        if (mailtrailBill.logOverflowed() || baselineBill.logOverflowed()) {
            notes.add("the emulator's request log overflowed between two reads: round trips are undercounted");
        }
        Report.Mailtrail overall = Report.Mailtrail.of(ratePhases, rates, stack.inboxSize());
        Report.Baseline business = Report.Baseline.of(baseline, baselineBill.usage(),
                BenchmarkOptions.format(options.baselineInterval()), options.baselinePolls());
        Report report = new Report(started.toString(), (System.nanoTime() - startedNanos) / 1e9, machine,
                describe(options), CLOCK, rates, imapRates, overall, direct, processes.figures(), business,
                Report.Comparison.of(overall, business), stack.deadLettered(notes), notes);
        report.print(System.out);
        report.write(options.out());
        System.out.println("\nreport written to " + options.out().toAbsolutePath());
        close();
        stack.deleteData();
    }

    /**
     * Delivers {@code rate} mails a second for {@code duration} into mailtrail's mailbox through {@code deliver} (and,
     * when a baseline is given, at the same moment into the baseline's), then waits until every one is logged or
     * excluded and filed.
     */
    private Phase deliverPhase(String name, int rate, Duration duration, BaselinePoller baseline,
            Consumer<Mail> deliver) throws Exception {
        Phase phase = new Phase(name, Phase.Until.FILED);
        send(phase, rate, duration, n -> {
            Workload.Envelope envelope = workload.mail(name, n);
            Instant now = Instant.now();
            Mail mail = envelope.toMail(now);
            tracker.sent(phase, envelope.internetMessageId(), envelope.loggable(), System.nanoTime());
            deliver.accept(mail);
            if (baseline != null) {
                baseline.deliver(envelope.internetMessageId(), mail, envelope.loggable());
            }
        });
        await(phase);
        return phase;
    }

    /**
     * At each rate, the broker echo and then the matcher alone, each until everything came out. The echo runs
     * first so that the matcher's backlog, if it has one, cannot slow the echo down.
     */
    private List<Report.Direct> direct(KafkaInjector injector) throws Exception {
        List<Report.Direct> results = new ArrayList<>();
        if (options.directRates().isEmpty()) {
            return results;
        }
        try (BrokerEcho echo = new BrokerEcho(stack.bootstrapServers(), KafkaInjector.ECHO_IN, KafkaInjector.ECHO_OUT)
                .start()) {
            for (int rate : options.directRates()) {
                step("broker echo, then the matcher alone (connection " + DIRECT_CONNECTION + "): " + rate
                        + " records/s for " + BenchmarkOptions.format(options.duration()) + " each");
                Phase echoed = inject(new Phase("echo-" + rate, Phase.Until.OUTPUT), rate, true, injector::echo);
                echo.check();
                Phase matched = inject(new Phase("matcher-" + rate, Phase.Until.DECIDED), rate, false,
                        injector::mailReceived);
                Phase.Figures e = echoed.figures();
                Phase.Figures m = matched.figures();
                results.add(new Report.Direct(rate, options.duration().toMillis() / 1000.0, DIRECT_CONNECTION,
                        new Report.Pipeline("broker echo", e.sent(), e.output(), e.latency(), e.throughPerSecond()),
                        new Report.Pipeline("interaction-matcher", m.sent(), m.output(), m.latency(),
                                m.throughPerSecond()),
                        Report.ratio(m.latency().p50(), e.latency().p50()),
                        Report.ratio(m.latency().p99(), e.latency().p99())));
            }
        }
        return results;
    }

    /** Sends MailReceived records of the mix through {@code out} at the rate and waits for the phase to settle. */
    private Phase inject(Phase phase, int rate, boolean everyOneComesOut, Consumer<MailReceived> out)
            throws Exception {
        send(phase, rate, options.duration(), n -> {
            Workload.Envelope envelope = workload.mail(phase.name(), n);
            MailReceived mail = envelope.toMailReceived(DIRECT_CONNECTION, Instant.now());
            tracker.sent(phase, envelope.internetMessageId(), everyOneComesOut || envelope.loggable(), System.nanoTime());
            out.accept(mail);
        });
        await(phase);
        return phase;
    }

    private void send(Phase phase, int rate, Duration duration, LongConsumer one) throws Exception {
        CompletableFuture<Long> sending = pacer.run(rate, duration, one);
        await(sending, duration.plusMinutes(5), phase.name() + ": sending");
        phase.sendingOver();
    }

    /** Waits for the phase to settle, printing progress; fails when nothing moved for the stall timeout. */
    private void await(Phase phase) throws Exception {
        long lastProgress = phase.progress();
        long lastChange = System.nanoTime();
        while (true) {
            try {
                phase.settled().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                Phase.Figures figures = phase.figures();
                System.out.printf("  %s: %d sent, %d out (p50 %.1f ms, p99 %.1f ms), all through after %.0f s%n",
                        phase.name(), figures.sent(), figures.output(), figures.latency().p50(), figures.latency().p99(),
                        Math.max(figures.outputAfterSeconds(), figures.filedAfterSeconds()));
                return;
            } catch (TimeoutException notYet) {
                probe.check();
                long progress = phase.progress();
                if (progress != lastProgress) {
                    lastProgress = progress;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > options.stallTimeout().toNanos()) {
                    throw new IllegalStateException(phase.name() + ": nothing moved for "
                            + BenchmarkOptions.format(options.stallTimeout()) + "; still missing " + phase.remaining());
                }
                System.out.println("  " + phase.name() + ": waiting for " + phase.remaining());
            }
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + BenchmarkOptions.format(timeout));
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Map<String, Object> describe(BenchmarkOptions options) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("duration", BenchmarkOptions.format(options.duration()));
        described.put("rates", options.rates());
        described.put("directRates", options.directRates());
        described.put("baselineInterval", BenchmarkOptions.format(options.baselineInterval()));
        described.put("baselinePolls", options.baselinePolls());
        described.put("salespeople", options.salespeople());
        described.put("contacts", options.contacts());
        described.put("loggableShare", Workload.LOGGABLE_SHARE);
        described.put("warmup", options.warmup());
        described.put("imap", options.imap());
        return described;
    }

    /** Stops every process and thread it started; safe to call twice (the shutdown hook calls it again). */
    private synchronized void close() {
        pacing.shutdownNow();
        sampling.shutdownNow();
        baselineJob.shutdownNow();
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                System.err.println("  stopping: " + e.getMessage());
            }
        }
        closing.clear();
    }

    private static void step(String what) {
        System.out.println("▶ " + what);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "benchmark-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
