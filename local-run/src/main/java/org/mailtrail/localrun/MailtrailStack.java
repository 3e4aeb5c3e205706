package org.mailtrail.localrun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.localrun.benchmark.Prometheus;

/**
 * Every process of mailtrail on one machine: a MongoDB-protocol server and a Kafka broker with
 * their data in a directory, and the four services and the console from their jars, wired to each other and to a
 * Graph (the emulator, or a real tenant). Used by {@code ./mailtrail run} on fixed ports and by
 * the end-to-end tests on free ones. {@link #close()} stops everything, last started first.
 *
 * <p>Each service runs as one process on its port of {@link Ports}, or, {@link #withInstances with instances}, as
 * several processes on free ports behind a {@link FrontRelay} on that port: every other service, the console,
 * Graph's notifications and the tests keep using the one address, as they use a Kubernetes Service in production.
 */
public final class MailtrailStack implements AutoCloseable {

    /** The ports the stack listens on. */
    public record Ports(int kafka, int kafkaController, int mongo, int config, int ingestor, int matcher,
            int opportunity, int console) {

        /** The ports of the local run, as the README and the demo connection name them. */
        public static Ports standard() {
            return new Ports(9092, 9093, 27017, 8081, 8082, 8083, 8084, 8080);
        }

        /**
         * Free ports, for tests that must not collide with anything: below the ephemeral range, none handed out twice
         * in one JVM.
         */
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                    freePort());
        }

        List<Integer> all() {
            return List.of(kafka, kafkaController, mongo, config, ingestor, matcher, opportunity, console);
        }
    }

    private static final Duration START = Duration.ofMinutes(4);
    /** Tokens are asked for again well before the issuer's 10 and 30 minutes run out. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(5);
    /** The shorter of the two lifetimes, less a margin. */
    private static final Duration TOKEN_VALID = Duration.ofMinutes(9);
    /** Each Kafka client's {@code rebalance-total}, as Prometheus reads it. */
    private static final String REBALANCES = "kafka_consumer_coordinator_rebalance_total";
    private static final String HELD = "mailtrail_messages_held_total";

    private record Token(String value, Instant fetchedAt) {
    }

    private final Path root;
    private final Path data;
    private final Path logs;
    private final Ports ports;
    private final GraphEmulator emulator;
    private final Http http = new Http();
    private final List<Runnable> stops = new ArrayList<>();
    private LocalKafka kafka;
    private final Map<String, ServiceInstances> services = new HashMap<>();
    private LocalIdentity identity;
    private final Map<String, Token> tokens = new HashMap<>();
    private boolean mongoBehindSwitch;
    private boolean mongoInMemory;
    private boolean optimizingJit;
    private Duration holdSweepInterval;
    private Duration kafkaMaxPollInterval;
    private int instances = 1;
    private OutageSwitch mongoSwitch;
    /** IMAPS, plain IMAP and SMTP, when the stack runs an IMAP server. */
    private List<Integer> imapPorts = List.of();
    private LocalImapServer imapServer;

    /**
     * @param root the repository, where the jars and deploy/kafka/topics.tsv are
     * @param emulator the Graph to trust (its certificate), or {@code null} for a real tenant
     */
    public MailtrailStack(Path root, Path data, Ports ports, GraphEmulator emulator) {
        this.root = root;
        this.data = data;
        this.logs = data.resolve("logs");
        this.ports = ports;
        this.emulator = emulator;
    }

    /**
     * Puts the MongoDB-protocol server behind a relay so that {@link #mongoUnreachableFor} can cut it off; call
     * before {@link #start}. The local run does without it.
     */
    public MailtrailStack withMongoOutageSwitch() {
        this.mongoBehindSwitch = true;
        return this;
    }

    /**
     * The MongoDB-protocol server keeps its data in memory, gone at exit: the local run's H2 file costs about 2.5
     * times as much per operation, which a benchmark or a long chaos run should not pay. Call before {@link #start}.
     */
    public MailtrailStack withMongoInMemory() {
        this.mongoInMemory = true;
        return this;
    }

    /**
     * Has the matcher look for held mail whose retention ended this often, instead of every minute, so that a test
     * with a retention of seconds sees it end. Call before {@link #start}.
     */
    public MailtrailStack withHoldSweepInterval(Duration interval) {
        this.holdSweepInterval = interval;
        return this;
    }

    /**
     * Gives every service's Kafka consumers this {@code max.poll.interval.ms} instead of five minutes, so that a test
     * outage of a few minutes lasts longer than it: a consumer that waited inside a poll would be put out of its
     * group. Call before {@link #start}.
     */
    public MailtrailStack withKafkaMaxPollInterval(Duration interval) {
        this.kafkaMaxPollInterval = interval;
        return this;
    }

    /**
     * Runs {@code n} processes of every service instead of one, each on a free port and with its own log
     * ({@code interaction-matcher-2.log}; the first keeps {@code interaction-matcher.log}), behind a relay on the
     * service's port that hands each new connection to the next instance that accepts it. The console's relay keeps
     * every connection on its first live instance, whose memory holds the sessions. Call before {@link #start}.
     */
    public MailtrailStack withInstances(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a stack runs at least one instance of each service, not " + n);
        }
        if (!stops.isEmpty()) {
            throw new IllegalStateException("withInstances must be called before start");
        }
        this.instances = n;
        return this;
    }

    /**
     * Runs an IMAP server in this JVM beside the stack ({@link LocalImapServer}: IMAPS and SMTP on free ports, with
     * graph-emulator's certificate, which the services trust for IMAP as they do for Graph). Mailboxes are added with
     * {@link LocalImapServer#addMailbox}. Needs the emulator; call before {@link #start}.
     */
    public MailtrailStack withImapServer() {
        return withImapServer(freePort(), freePort(), freePort());
    }

    /** {@link #withImapServer()} on these ports (IMAPS, plain IMAP on the loopback interface, SMTP). */
    public MailtrailStack withImapServer(int imapsPort, int plainImapPort, int smtpPort) {
        if (emulator == null) {
            throw new IllegalStateException("the IMAP server presents graph-emulator's certificate: a stack against a"
                    + " real tenant has none to trust");
        }
        if (!stops.isEmpty()) {
            throw new IllegalStateException("withImapServer must be called before start");
        }
        this.imapPorts = List.of(imapsPort, plainImapPort, smtpPort);
        return this;
    }

    /** The IMAP server of {@link #withImapServer()}. */
    public LocalImapServer imapServer() {
        if (imapServer == null) {
            throw new IllegalStateException(!imapPorts.isEmpty() ? "the IMAP server starts with the stack"
                    : "start the stack withImapServer() to have an IMAP server");
        }
        return imapServer;
    }

    /**
     * Tunes the stack for measuring mailtrail rather than starting fast: MongoDB in memory, and the services with
     * the JIT's optimizing compiler (the local run stops at C1, which starts faster). Call before {@link #start}.
     */
    public MailtrailStack forMeasurement() {
        this.optimizingJit = true;
        return withMongoInMemory();
    }

    /** Starts every process and waits until each service is ready; {@code progress} hears each step. */
    public MailtrailStack start(Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        requireFreePorts();
        // A launcher or test JVM that is stopped takes its processes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "mailtrail-stack-stop"));

        if (!imapPorts.isEmpty()) {
            progress.accept("IMAP server (GreenMail, in this JVM): IMAPS on " + imapPorts.get(0) + ", SMTP on "
                    + imapPorts.get(2));
            imapServer = new LocalImapServer(imapPorts.get(0), imapPorts.get(1), imapPorts.get(2));
            stops.add(imapServer::close);
            imapServer.start();
        }

        progress.accept("MongoDB-protocol server (data " + (mongoInMemory ? "in memory" : "in " + data.resolve("mongo"))
                + ")");
        int mongoPort = mongoBehindSwitch ? freePort() : ports.mongo();
        // In memory, the data and the oplog of every run so far are the heap: 256 MB ran out in one 10,000-mail
        // run, and with 3 GB the server stopped answering in the sixth of the full chaos suite's runs. Its garbage
        // collections are logged beside its output, so a run shows how full the heap was.
        List<String> heap = mongoInMemory
                ? List.of("-Xmx8g", "-Xlog:gc:file=" + logs.resolve("mongo-gc.log") + ":uptime,time")
                : List.of("-Xmx256m");
        ManagedProcess mongo = ManagedProcess.java("mongo", LocalMongoServer.class.getName(), heap,
                List.of(String.valueOf(mongoPort), mongoInMemory ? LocalMongoServer.IN_MEMORY
                        : data.resolve("mongo").toString()), Map.of(),
                logs.resolve("mongo.log"));
        stops.add(mongo::stop);
        mongo.start().awaitPort(mongoPort, START);
        if (mongoBehindSwitch) {
            mongoSwitch = new OutageSwitch(ports.mongo(), mongoPort);
            stops.add(mongoSwitch::close);
        }

        progress.accept("Kafka broker, KRaft mode (data in " + data.resolve("kafka") + ")");
        kafka = new LocalKafka(data, ports.kafka(), ports.kafkaController(), logs);
        stops.add(kafka::stop);
        kafka.start(START);
        kafka.createTopics(TopicSpec.read(root.resolve("deploy/kafka/topics.tsv")));

        Map<String, String> shared = kafkaMaxPollInterval == null
                ? Map.of("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
                : Map.of("MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "MAILTRAIL_KAFKA_MAX_POLL_INTERVAL_MS", String.valueOf(kafkaMaxPollInterval.toMillis()));
        // An IMAP server of the stack presents the emulator's certificate too: one trust store for both.
        Map<String, String> trust = emulator == null ? Map.of() : Map.of(
                "MAILTRAIL_GRAPH_TRUST_STORE", emulator.trustStorePath().toString(),
                "MAILTRAIL_GRAPH_TRUST_STORE_PASSWORD", emulator.trustStorePassword(),
                "MAILTRAIL_IMAP_TRUST_STORE", emulator.trustStorePath().toString(),
                "MAILTRAIL_IMAP_TRUST_STORE_PASSWORD", emulator.trustStorePassword(),
                "MAILTRAIL_IMAP_TRUST_STORE_TYPE", "PKCS12");
        identity = LocalIdentity.keptIn(data.resolve("identity"), List.of(consoleUrl()));
        String issuer = "http://127.0.0.1:" + ports.config();
        // One issuer for people and services: config-service's embedded one, which only a development run may start.
        Map<String, String> trusting = Map.of("MAILTRAIL_JWT_ISSUER_URI", issuer);

        // Connections may name the emulator as their authority and Graph, as they may name Microsoft's hosts.
        Map<String, String> emulatorHosts = emulator == null ? Map.of()
                : Map.of("MAILTRAIL_GRAPH_ALLOWED_HOSTS", URI.create(emulator.authorityHost()).getAuthority());

        progress.accept("config-service" + instancesNote());
        ServiceInstances config = service("config-service", ports.config(), "mailtrail_config", merge(shared, trust,
                emulatorHosts, trusting, Map.of("MAILTRAIL_MASTER_KEYSET_FILE", masterKeyset().toString(),
                        "MAILTRAIL_DEVELOPMENT_RUN", "true",
                        "MAILTRAIL_ISSUER_ENABLED", "true",
                        "MAILTRAIL_ISSUER_URL", issuer,
                        "MAILTRAIL_ISSUER_CLIENTS_FILE", identity.clientsFile().toString(),
                        "MAILTRAIL_ISSUER_USERS_FILE", identity.usersFile().toString(),
                        "MAILTRAIL_JWT_JWK_SET_URI", issuer + "/oauth2/jwks")));
        awaitReady(config);

        progress.accept("mail-ingestor, interaction-matcher, opportunity-service, console" + instancesNote());
        // Every instance decrypts with the same certificates: a notification reaches whichever the relay picks.
        ServiceInstances ingestor = service("mail-ingestor", ports.ingestor(), "mailtrail_ingestor",
                merge(shared, trust, trusting, client("mail-ingestor", issuer), notificationKeystore(),
                        Map.of("MAILTRAIL_CONFIG_SERVICE_URL", config.url())));
        ServiceInstances matcher = service("interaction-matcher", ports.matcher(), "mailtrail_matcher",
                merge(shared, trusting, client("interaction-matcher", issuer),
                        Map.of("MAILTRAIL_INGESTOR_URL", ingestor.url()), holdSweepInterval == null ? Map.of()
                                : Map.of("MAILTRAIL_HOLD_SWEEP_INTERVAL", holdSweepInterval.toString())));
        ServiceInstances opportunity = service("opportunity-service", ports.opportunity(), "mailtrail_opportunity",
                merge(shared, trusting, Map.of("MAILTRAIL_MATCHER_URL", "http://127.0.0.1:" + ports.matcher())));
        // The setup proposes what a connection of this run needs: the emulator's hosts, the ingestor's webhook.
        Map<String, String> setupDefaults = emulator == null
                ? Map.of("MAILTRAIL_CONSOLE_SETUP_NOTIFICATION_URL", ingestor.url() + "/graph/notifications")
                : Map.of("MAILTRAIL_CONSOLE_SETUP_NOTIFICATION_URL", ingestor.url() + "/graph/notifications",
                        "MAILTRAIL_CONSOLE_SETUP_GRAPH_BASE_URL", emulator.graphBaseUrl(),
                        "MAILTRAIL_CONSOLE_SETUP_AUTHORITY_HOST", emulator.authorityHost());
        ServiceInstances console = service("console", ports.console(), null, merge(shared, trusting, setupDefaults,
                Map.of("MAILTRAIL_CONSOLE_CLIENT_ID", LocalIdentity.CONSOLE_CLIENT,
                        "MAILTRAIL_CONSOLE_CLIENT_SECRET", identity.clientSecret(LocalIdentity.CONSOLE_CLIENT),
                        "MAILTRAIL_CONFIG_SERVICE_URL", config.url(),
                        "MAILTRAIL_MATCHER_URL", matcher.url(),
                        "MAILTRAIL_OPPORTUNITY_URL", opportunity.url())));
        // The console needs only config-service (its issuer) to start; the others it calls once pages are asked for.
        for (ServiceInstances service : List.of(ingestor, matcher, opportunity, console)) {
            awaitReady(service);
        }
        return this;
    }

    /** Where people open the console (and where the issuer sends them back to after signing in). */
    public String consoleUrl() {
        return "http://127.0.0.1:" + ports.console();
    }

    /** Where everyone reaches the service: its port of {@link Ports}, whatever the number of its instances. */
    public String url(String service) {
        return instances(service).url();
    }

    /** Where one instance of the service listens, bypassing the relay: to ask that instance in particular. */
    public String url(String service, int instance) {
        return instances(service).instance(instance).url();
    }

    /** The service's first instance. */
    public ManagedProcess process(String service) {
        return process(service, 1);
    }

    /** @param instance from 1 to {@link #instances()} */
    public ManagedProcess process(String service, int instance) {
        return instances(service).instance(instance).process();
    }

    /** How many instances of each service the stack runs. */
    public int instances() {
        return instances;
    }

    /** Kills the service's first instance with SIGKILL, as a crash would, and starts it again on the same port. */
    public void crashAndRestart(String service) {
        crashAndRestart(service, 1);
    }

    /** Kills one instance with SIGKILL, as a crash would, starts it again on its port and waits until it is ready. */
    public void crashAndRestart(String service, int instance) {
        kill(service, instance);
        start(service, instance);
    }

    /** Kills one instance with SIGKILL, as a crash would, and leaves it down. */
    public void kill(String service, int instance) {
        instances(service).instance(instance).process().kill();
    }

    /** Starts an instance that is down, on its port, and waits until it is ready; one that runs is left alone. */
    public void start(String service, int instance) {
        instances(service).instance(instance).start().awaitReady(http, START);
    }

    /**
     * Stops one instance as an orderly shutdown does (SIGTERM, and SIGKILL only if it outlasts the grace period),
     * starts it again and waits until it is ready: one step of a rolling restart.
     */
    public void restart(String service, int instance) {
        instances(service).instance(instance).process().stop();
        start(service, instance);
    }

    /** Stops the Kafka broker as an orderly shutdown would and starts it again on the same port and data. */
    public void restartKafka() {
        kafka.stop();
        kafka.start(START);
    }

    /** Cuts every connection to the MongoDB-protocol server and refuses new ones for {@code duration}. */
    public void mongoUnreachableFor(Duration duration) {
        if (mongoSwitch == null) {
            throw new IllegalStateException("start the stack withMongoOutageSwitch() to cut MongoDB off");
        }
        mongoSwitch.unreachableFor(duration);
    }

    /**
     * How often the services' Kafka consumers have been through a rebalance of their group since they started, summed
     * over every consumer of every service (each client's {@code rebalance-total}, as Prometheus reads it).
     */
    public long consumerRebalances() {
        return (long) sumOverConsumingServices(REBALANCES);
    }

    /** Deliveries the services' consumers repeated because MongoDB or the broker was unreachable, summed. */
    public long deliveriesHeldForOutages() {
        return (long) sumOverConsumingServices(HELD);
    }

    private double sumOverConsumingServices(String metric) {
        Prometheus prometheus = new Prometheus(this::metricsToken);
        double sum = 0;
        // config-service only publishes.
        for (String name : List.of("mail-ingestor", "interaction-matcher", "opportunity-service", "console")) {
            // Each instance counts its own: the service's address would answer for whichever one the relay picked.
            for (ServiceProcess instance : instances(name).all()) {
                String url = instance.url();
                String scrape = prometheus.scrape(url).orElseThrow(() -> new IllegalStateException(
                        url + "/actuator/prometheus does not answer"));
                if (!scrape.contains(metric + "{")) {
                    throw new IllegalStateException(instance.name() + " exports no " + metric
                            + ", so it cannot be counted");
                }
                sum += Prometheus.sum(scrape, metric, "");
            }
        }
        return sum;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mongoUri(String database) {
        return "mongodb://127.0.0.1:" + ports.mongo() + "/" + database;
    }

    /** An access token of the development run's admin (roles mailtrail-admin and directory-importer). */
    public String adminToken() {
        return personToken("admin");
    }

    /**
     * An access token of one of the development run's people ({@link LocalIdentity#PEOPLE}). The sign-in keeps the
     * person's session in one config-service instance's memory from the sign-in page to the code (see
     * config-service's README), so with several instances it goes to the first that answers rather than through the
     * relay; the token's issuer is the service's address all the same.
     */
    public synchronized String personToken(String username) {
        return token("person:" + username, () -> identity.personToken(signInUrl(), username));
    }

    /** A client-credentials token of the launcher's own client, for the services' metrics. */
    public synchronized String metricsToken() {
        return token("metrics", () -> identity.serviceToken(issuer(), LocalIdentity.LAUNCHER_CLIENT, "metrics.read"));
    }

    public LocalIdentity identity() {
        return identity;
    }

    /** The issuer every service trusts: config-service's embedded one. */
    public String issuer() {
        return "http://127.0.0.1:" + ports.config();
    }

    public Ports ports() {
        return ports;
    }

    public Path logs() {
        return logs;
    }

    /** Stops every process, last started first; safe to call twice. */
    @Override
    public synchronized void close() {
        for (int i = stops.size() - 1; i >= 0; i--) {
            try {
                stops.get(i).run();
            } catch (RuntimeException e) {
                System.out.println("  stopping: " + e.getMessage());
            }
        }
        stops.clear();
    }

    /**
     * A token asked for anew every few minutes; while the issuer cannot answer (a chaos run may have stopped it) the
     * last one serves as long as it is valid.
     */
    private String token(String key, Supplier<String> fetch) {
        Token known = tokens.get(key);
        if (known == null || known.fetchedAt().plus(TOKEN_REUSE).isBefore(Instant.now())) {
            try {
                known = new Token(fetch.get(), Instant.now());
            } catch (RuntimeException e) {
                if (known == null || known.fetchedAt().plus(TOKEN_VALID).isBefore(Instant.now())) {
                    throw e;
                }
                return known.value();
            }
            tokens.put(key, known);
        }
        return known.value();
    }

    /** How a service gets its client-credentials tokens at the issuer. */
    private Map<String, String> client(String clientId, String issuer) {
        return Map.of("MAILTRAIL_TOKEN_URI", issuer + "/oauth2/token", "MAILTRAIL_CLIENT_ID", clientId,
                "MAILTRAIL_CLIENT_SECRET", identity.clientSecret(clientId));
    }

    private ServiceInstances instances(String service) {
        ServiceInstances found = services.get(service);
        if (found == null) {
            throw new IllegalArgumentException("no service " + service + " in the stack; it runs "
                    + new TreeSet<>(services.keySet()));
        }
        return found;
    }

    /**
     * Starts the service's instances (without waiting for them) and, with more than one, the relay on its port.
     *
     * @param database the service's MongoDB database, {@code null} for one that keeps no data (the console)
     */
    private ServiceInstances service(String name, int port, String database, Map<String, String> environment)
            throws IOException {
        Map<String, String> env = database == null ? environment
                : merge(environment, Map.of("MAILTRAIL_MONGODB_URI", mongoUri(database)));
        List<ServiceProcess> started = new ArrayList<>();
        for (int number = 1; number <= instances; number++) {
            ServiceProcess instance = new ServiceProcess(root, name, number, instances == 1 ? port : freePort(), env,
                    logs, !optimizingJit);
            stops.add(instance.process()::stop);
            started.add(instance.start());
        }
        if (instances > 1) {
            FrontRelay relay = new FrontRelay(name, port, started.stream().map(ServiceProcess::port).toList(),
                    name.equals("console") ? FrontRelay.Choice.FIRST_LIVE : FrontRelay.Choice.ROUND_ROBIN);
            stops.add(relay::close);
        }
        ServiceInstances service = new ServiceInstances(name, port, started);
        services.put(name, service);
        return service;
    }

    private void awaitReady(ServiceInstances service) {
        for (ServiceProcess instance : service.all()) {
            instance.awaitReady(http, START);
        }
    }

    /** What start-up progress adds to a service's name: nothing for one instance each. */
    private String instancesNote() {
        return instances == 1 ? "" : " (" + instances + " instances)";
    }

    /** config-service's address, or with several instances the first one that accepts a connection. */
    private String signInUrl() {
        if (instances == 1) {
            return issuer();
        }
        for (ServiceProcess instance : instances("config-service").all()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", instance.port()), 250);
                return instance.url();
            } catch (IOException down) {
                // the next one, then
            }
        }
        throw new IllegalStateException("no config-service instance accepts a connection, so nobody can sign in");
    }

    /** config-service's master keyset, made once and kept with the data. */
    private Path masterKeyset() throws IOException, InterruptedException {
        Path keyset = data.resolve("master-keyset.json");
        if (!Files.exists(keyset)) {
            Path jar = root.resolve("config-service/target/config-service.jar");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "generate-master-keyset")
                    .redirectOutput(keyset.toFile()).redirectError(logs.resolve("master-keyset.log").toFile()).start();
            if (process.waitFor() != 0) {
                Files.deleteIfExists(keyset);
                throw new IllegalStateException("could not make a master keyset; see " + logs.resolve("master-keyset.log"));
            }
        }
        return keyset;
    }

    /**
     * The certificate Graph encrypts the mail of rich notifications with, made once with the JDK's keytool and kept
     * with the data (with its password, which is random and never leaves the data directory), so that the ingestor
     * reads mail from its notifications as it would in production.
     */
    private Map<String, String> notificationKeystore() throws IOException, InterruptedException {
        Path keystore = data.resolve("notification-keystore.p12");
        Path passwordFile = data.resolve("notification-keystore.password");
        if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
            Files.deleteIfExists(keystore);
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            // Written first, and handed to keytool as a file, so that it never shows in the process list.
            Files.writeString(passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            // The alias is the encryptionCertificateId Graph sees; dated, so that a later certificate is told apart.
            String alias = "mailtrail-notifications-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC).format(Instant.now());
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                    "-alias", alias, "-dname", "CN=mailtrail-notifications", "-validity", "365",
                    "-keystore", keystore.toString(), "-storepass:file", passwordFile.toString(),
                    "-keypass:file", passwordFile.toString())
                    .redirectErrorStream(true).redirectOutput(logs.resolve("notification-keystore.log").toFile())
                    .start();
            if (process.waitFor() != 0) {
                Files.deleteIfExists(keystore);
                Files.deleteIfExists(passwordFile);
                throw new IllegalStateException("could not make the notification key store; see "
                        + logs.resolve("notification-keystore.log"));
            }
        }
        return Map.of("MAILTRAIL_NOTIFICATION_KEYSTORE", keystore.toString(),
                "MAILTRAIL_NOTIFICATION_KEYSTORE_PASSWORD", Files.readString(passwordFile).strip());
    }

    private void requireFreePorts() {
        for (int port : ports.all()) {
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is taken; stop what uses it (another mailtrail run?)");
            }
        }
    }

    @SafeVarargs
    private static Map<String, String> merge(Map<String, String>... maps) {
        Map<String, String> merged = new HashMap<>();
        for (Map<String, String> map : maps) {
            merged.putAll(map);
        }
        return merged;
    }

    private static int freePort() {
        return FreePorts.jvmWide().next();
    }
}
