package org.mailtrail.localrun.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.control.Seed;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.localrun.Http;
import org.mailtrail.localrun.MailtrailStack;

/**
 * mailtrail as the benchmark measures it: graph-emulator in this JVM with one shared mailbox, the whole stack
 * on free ports with its data in a temporary directory, a connection that gets push notifications, and the
 * benchmark's directory loaded into the matcher.
 */
final class StackUnderTest implements AutoCloseable {

    static final String MAILBOX = "crm-log@contoso.com";
    /** The IMAP server's mailbox of {@code --imap}, read by its own connection. */
    static final String IMAP_MAILBOX = "crm-log-imap@contoso.com";
    private static final String IMAP_CONNECTION = "benchmark-imap";
    static final String TENANT = "8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10";
    private static final String CLIENT = "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b";
    private static final String SECRET = "benchmark-secret";
    private static final String CONNECTION = "benchmark";
    private static final List<String> SERVICES = List.of("config-service", "mail-ingestor", "interaction-matcher",
            "opportunity-service");

    private final Http http = new Http();
    private final GraphEmulator emulator;
    private final Path data;
    private final MailtrailStack stack;

    private final boolean imap;

    private StackUnderTest(GraphEmulator emulator, Path data, MailtrailStack stack, boolean imap) {
        this.emulator = emulator;
        this.data = data;
        this.stack = stack;
        this.imap = imap;
    }

    /**
     * The emulator, started, and the stack, not yet: register it for closing first, then {@link #start}.
     *
     * @param imap whether the stack runs an IMAP server with a mailbox that an IMAP connection reads
     */
    static StackUnderTest create(Path root, boolean imap, Consumer<String> step) throws IOException {
        step.accept("graph-emulator (in this JVM) with " + MAILBOX);
        GraphEmulator emulator = GraphEmulator.builder().port(0).tenant(TENANT, "contoso.com")
                .app(Seed.App.rbac(CLIENT, SECRET, MAILBOX)).mailbox(MAILBOX, "CRM log").build().start();
        Path data = Files.createTempDirectory("mailtrail-benchmark");
        MailtrailStack stack = new MailtrailStack(root, data, MailtrailStack.Ports.free(), emulator).forMeasurement();
        return new StackUnderTest(emulator, data, imap ? stack.withImapServer() : stack, imap);
    }

    /** Starts every process, connects the mailbox, loads the directory and waits for the ingestor's subscription. */
    void start(Workload workload, Consumer<String> step) throws Exception {
        long started = System.nanoTime();
        stack.start(step);
        System.out.printf("  all processes up after %.0f s; data and logs in %s%n",
                (System.nanoTime() - started) / 1e9, data);

        step.accept("connection " + CONNECTION + " (push to the ingestor's webhook), directory of "
                + workload.salespeople() + " salespeople and " + workload.contacts() + " contacts");
        String config = stack.url("config-service");
        require(http.post(config + "/api/connections", stack.adminToken(), Map.ofEntries(
                Map.entry("id", CONNECTION), Map.entry("displayName", "Benchmark"), Map.entry("tenantId", TENANT),
                Map.entry("clientId", CLIENT), Map.entry("clientSecret", SECRET), Map.entry("authMode", "APPLICATION"),
                Map.entry("mailbox", MAILBOX), Map.entry("internalDomains", List.of("contoso.com")),
                Map.entry("graphBaseUrl", emulator.graphBaseUrl()),
                Map.entry("authorityHost", emulator.authorityHost()),
                Map.entry("notificationUrl", stack.url("mail-ingestor") + "/graph/notifications"))),
                "creating the connection");
        require(http.post(config + "/api/connections/" + CONNECTION + "/enable", stack.adminToken(), null),
                "enabling the connection");
        if (imap) {
            connectImap(config, step);
        }
        String matcher = stack.url("interaction-matcher");
        require(http.put(matcher + "/api/directory/salespeople", stack.adminToken(), workload.salespeopleRows()),
                "loading salespeople");
        require(http.put(matcher + "/api/directory/contacts", stack.adminToken(), workload.contactRows()), "loading contacts");

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (emulator.subscriptions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingestor made no Graph subscription within 2 minutes");
            }
            Thread.sleep(250);
        }
    }

    /**
     * The IMAP mailbox's connection: over TLS with a password, INBOX read with IDLE, mail archived to "Archive" (which
     * the checks create), Deleted Items there from the start as on Exchange Server.
     */
    private void connectImap(String config, Consumer<String> step) {
        step.accept("connection " + IMAP_CONNECTION + " (IMAP with IDLE) to " + IMAP_MAILBOX + " at the IMAP server");
        String password = stack.imapServer().addMailbox(IMAP_MAILBOX);
        stack.imapServer().createFolder(IMAP_MAILBOX, "Deleted Items");
        require(http.post(config + "/api/connections", stack.adminToken(), Map.ofEntries(
                Map.entry("id", IMAP_CONNECTION), Map.entry("displayName", "Benchmark over IMAP"),
                Map.entry("kind", "IMAP"), Map.entry("imap", Map.of("host", stack.imapServer().host(),
                        "port", stack.imapServer().imapsPort(), "security", "TLS", "username", IMAP_MAILBOX,
                        "auth", "PASSWORD")),
                Map.entry("password", password), Map.entry("mailbox", IMAP_MAILBOX),
                Map.entry("sourceFolder", "INBOX"), Map.entry("archiveFolder", "Archive"),
                Map.entry("internalDomains", List.of("contoso.com")))), "creating the IMAP connection");
        require(http.post(config + "/api/connections/" + IMAP_CONNECTION + "/check?createArchiveFolder=true",
                stack.adminToken(), null), "checking the IMAP connection");
        require(http.post(config + "/api/connections/" + IMAP_CONNECTION + "/enable", stack.adminToken(), null),
                "enabling the IMAP connection");
    }

    /** Over SMTP into the IMAP mailbox's INBOX, where the connection's IDLE notices it. */
    void deliverImap(Mail mail) {
        stack.imapServer().deliver(IMAP_MAILBOX, mail);
    }

    /** As the BCC mail-flow rule would: into the shared mailbox's inbox, which notifies the ingestor. */
    void deliver(Mail mail) {
        emulator.deliver(MAILBOX, mail);
    }

    int inboxSize() {
        return emulator.messages(MAILBOX, "inbox").size();
    }

    GraphEmulator emulator() {
        return emulator;
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    Path logs() {
        return data.resolve("logs");
    }

    /** The services with their actuator, the broker and the MongoDB server by their command line, and this JVM. */
    ProcessSampler processSampler() {
        List<ProcessSampler.Watched> watched = new ArrayList<>();
        for (String service : SERVICES) {
            watched.add(new ProcessSampler.Watched(service, stack.process(service).pid(), stack.url(service), null));
        }
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        Map<String, String> helpers = Map.of("kafka broker", "kafka.Kafka", "mongodb-protocol server",
                "LocalMongoServer");
        helpers.forEach((name, mainClass) -> children.stream()
                .filter(child -> child.info().commandLine().orElse("").contains(mainClass)).findFirst()
                .ifPresent(child -> watched.add(new ProcessSampler.Watched(name, child.pid(), null, null))));
        Runtime runtime = Runtime.getRuntime();
        watched.add(new ProcessSampler.Watched("benchmark JVM (emulators)", ProcessHandle.current().pid(), null,
                () -> runtime.totalMemory() - runtime.freeMemory()));
        watched.sort(Comparator.comparing(ProcessSampler.Watched::name));
        return new ProcessSampler(watched, new Prometheus(stack::metricsToken));
    }

    /** Records the services sent to a dead-letter topic; none is expected. A service that cannot say is noted. */
    long deadLettered(List<String> notes) {
        Prometheus prometheus = new Prometheus(stack::metricsToken);
        long total = 0;
        for (String service : SERVICES) {
            Optional<String> scrape = prometheus.scrape(stack.url(service));
            if (scrape.isEmpty()) {
                notes.add("could not read " + service + "'s dead-letter count");
            }
            total += Math.round(scrape.map(text -> Prometheus.sum(text, "mailtrail_messages_deadlettered_total", ""))
                    .orElse(0.0));
        }
        return total;
    }

    /** After a complete run the data (broker log, MongoDB files, service logs) has served its purpose. */
    void deleteData() throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() {
        stack.close();
        emulator.stop();
    }

    private static void require(Http.Response response, String what) {
        if (!response.ok()) {
            throw new IllegalStateException(what + " failed: " + response.status() + " " + response.text());
        }
    }
}
