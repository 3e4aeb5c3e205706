package org.mailtrail.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import org.mailtrail.emulator.control.ControlApi;
import org.mailtrail.emulator.control.EmulatorControl;
import org.mailtrail.emulator.control.Seed;
import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.emulator.faults.FaultInjector;
import org.mailtrail.emulator.faults.NotificationFault;
import org.mailtrail.emulator.faults.NotificationFaults;
import org.mailtrail.emulator.graph.GraphGateway;
import org.mailtrail.emulator.http.GraphRouter;
import org.mailtrail.emulator.http.HttpsFront;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.http.TlsMaterial;
import org.mailtrail.emulator.identity.AppRegistration;
import org.mailtrail.emulator.identity.ChangeNotificationTokens;
import org.mailtrail.emulator.identity.Directory;
import org.mailtrail.emulator.identity.EntraEndpoints;
import org.mailtrail.emulator.identity.TokenService;
import org.mailtrail.emulator.mailbox.DeltaQuirks;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.MailboxApi;
import org.mailtrail.emulator.mailbox.MailboxService;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.metrics.Counters;
import org.mailtrail.emulator.metrics.CountersSnapshot;
import org.mailtrail.emulator.metrics.RequestRecord;
import org.mailtrail.emulator.subscription.LifecycleEvent;
import org.mailtrail.emulator.subscription.NotificationDispatcher;
import org.mailtrail.emulator.subscription.Subscription;
import org.mailtrail.emulator.subscription.SubscriptionApi;
import org.mailtrail.emulator.subscription.SubscriptionService;
import org.mailtrail.emulator.subscription.ValidationHandshake;
import org.mailtrail.emulator.throttling.RetryAfterTracker;
import org.mailtrail.emulator.throttling.Throttle;
import org.mailtrail.emulator.throttling.ThrottlePolicy;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A running (or ready to run) emulator: one HTTPS port serving Entra's token and authorize endpoints, Graph v1.0
 * and the control API, plus the same control operations as Java methods.
 *
 * <pre>{@code
 * try (GraphEmulator graph = GraphEmulator.builder()
 *         .tenant("8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10", "contoso.com")
 *         .mailbox("sales-mail@contoso.com")
 *         .app("my-client-id", "my-secret", "sales-mail@contoso.com")
 *         .build().start()) {
 *     graph.deliver("sales-mail@contoso.com", Mail.builder().from("a@fabrikam.example").to("b@contoso.com").subject("Hi").build());
 * }
 * }</pre>
 */
public final class GraphEmulator implements AutoCloseable {

    /** The tenant apps and mailboxes join when the builder is given none. */
    public static final String DEFAULT_TENANT_ID = "d6c1e5a3-0b7e-4c55-9a43-3c1c8f0e0001";

    /**
     * Where {@link #trustStorePath()} writes: a fixed place, since the certificate never changes, so a client can
     * be configured with the path once.
     */
    public static final Path TRUST_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "graph-emulator");

    private final Builder settings;
    private final TlsMaterial tls = TlsMaterial.bundled();
    private final Counters counters = new Counters();
    private final Directory directory = new Directory();
    private final TokenService tokens;
    private final ChangeNotificationTokens validationTokens;
    private final MailboxService mailboxes;
    private final Throttle throttle;
    private final RetryAfterTracker retryAfter;
    private final FaultInjector faults;
    private final NotificationFaults notificationFaults;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpClientExecutor;
    private final NotificationDispatcher dispatcher;
    private final SubscriptionService subscriptions;
    private final EmulatorControl control;
    private final FrontDoor frontDoor;
    private HttpsFront front;
    private boolean stopped;
    private Path trustStore;
    private Path certificatePem;

    private GraphEmulator(Builder builder) {
        this.settings = builder;
        Clock clock = builder.clock;
        tokens = new TokenService(clock, builder.accessTokenLifetime);
        validationTokens = new ChangeNotificationTokens(clock);
        mailboxes = new MailboxService(clock);
        throttle = new Throttle(clock, builder.throttling);
        retryAfter = new RetryAfterTracker(clock);
        faults = new FaultInjector(builder.randomSeed);
        notificationFaults = new NotificationFaults(builder.randomSeed + 1);
        scheduler = new ScheduledThreadPoolExecutor(1, daemon("graph-emulator-scheduler"));
        httpClientExecutor = Executors.newFixedThreadPool(4, daemon("graph-emulator-notifier"));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(httpClientExecutor)
                .build();
        SubscriptionService[] self = new SubscriptionService[1];
        dispatcher = new NotificationDispatcher(http, scheduler, clock, counters, notificationFaults,
                builder.notifications, id -> self[0] != null && self[0].alive(id), validationTokens);
        subscriptions = new SubscriptionService(clock, mailboxes, new ValidationHandshake(http, builder.validationTimeout),
                dispatcher, counters, builder.maxSubscriptionLifetime);
        self[0] = subscriptions;
        mailboxes.addListener(subscriptions);
        control = new EmulatorControl(directory, tokens, mailboxes, subscriptions, faults, notificationFaults,
                throttle, retryAfter, counters);
        GraphRouter router = new GraphRouter();
        new MailboxApi(mailboxes).register(router);
        new SubscriptionApi(subscriptions).register(router);
        GraphGateway gateway = new GraphGateway(clock, tokens, directory, mailboxes, throttle, retryAfter, faults,
                counters, router, builder.randomSeed + 2);
        EntraEndpoints entra = new EntraEndpoints(directory, tokens, clock, mailboxes::userId, validationTokens);
        frontDoor = new FrontDoor(gateway, entra, new ControlApi(control, this::info), counters);
        control.seed(builder.seed());
        builder.seeds.forEach(control::seed);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; answers this emulator so a builder chain can end in {@code .start()}. */
    public synchronized GraphEmulator start() {
        if (front != null || stopped) {
            throw new IllegalStateException("a GraphEmulator starts once");
        }
        try {
            InetAddress address = InetAddress.getByName(settings.bindAddress);
            front = HttpsFront.start(new InetSocketAddress(address, settings.port), tls.serverContext(),
                    settings.serverThreads, frontDoor::dispatch);
        } catch (IOException e) {
            throw new UncheckedIOException("graph-emulator could not listen on " + settings.bindAddress + ":" + settings.port, e);
        }
        scheduler.scheduleWithFixedDelay(subscriptions::sweepExpired, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        dispatcher.close();
        if (front != null) {
            front.stop();
        }
        scheduler.shutdownNow();
        httpClientExecutor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        if (front == null) {
            throw new IllegalStateException("not started");
        }
        return front.port();
    }

    /** What azure-identity's {@code authorityHost(...)} takes: {@code https://127.0.0.1:<port>}. */
    public String authorityHost() {
        return "https://" + host() + ":" + port();
    }

    /** What {@code graph.getRequestAdapter().setBaseUrl(...)} takes: {@code https://127.0.0.1:<port>/v1.0}. */
    public String graphBaseUrl() {
        return authorityHost() + "/v1.0";
    }

    public String controlUrl() {
        return authorityHost() + "/emulator";
    }

    /** The token endpoint of a tenant, for clients that are configured with it directly. */
    public String tokenEndpoint(String tenant) {
        return authorityHost() + "/" + tenant + "/oauth2/v2.0/token";
    }

    /**
     * Where Entra's signing keys are published ({@code /common/discovery/v2.0/keys}): the key that signs the
     * {@code validationTokens} of change notifications with resource data, named by each token's {@code kid}.
     */
    public String signingKeysUrl() {
        return authorityHost() + "/common/discovery/v2.0/keys";
    }

    /** A client-side SSL context that trusts this emulator's certificate (and nothing else). */
    public SSLContext sslContext() {
        return tls.clientContext();
    }

    public X509TrustManager trustManager() {
        return tls.trustManager();
    }

    /** The emulator's self-signed certificate, for clients that take trusted certificates directly (Netty). */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    /**
     * Writes the truststore (PKCS12, password {@link #trustStorePassword()}) and answers its path, for
     * {@code -Djavax.net.ssl.trustStore=...} or a Spring Boot SSL bundle.
     */
    public synchronized Path trustStorePath() {
        if (trustStore == null) {
            trustStore = tls.writeTrustStore(trustDirectory());
        }
        return trustStore;
    }

    public String trustStorePassword() {
        return TlsMaterial.PASSWORD;
    }

    /** Writes the certificate as PEM (for {@code curl --cacert}) and answers its path. */
    public synchronized Path certificatePemPath() {
        if (certificatePem == null) {
            certificatePem = tls.writeCertificatePem(trustDirectory());
        }
        return certificatePem;
    }

    /** The fixed directory, unless another user owns it; then a fresh one. */
    private static Path trustDirectory() {
        try {
            Files.createDirectories(TRUST_DIRECTORY);
            if (Files.isWritable(TRUST_DIRECTORY)) {
                return TRUST_DIRECTORY;
            }
        } catch (IOException e) {
            // fall through to a directory of our own
        }
        try {
            return Files.createTempDirectory("graph-emulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- control, in Java ----

    public EmulatorControl control() {
        return control;
    }

    public void seed(Seed seed) {
        control.seed(seed);
    }

    public void seedJson(String json) {
        control.seed(Seed.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    public void addMailbox(String tenantId, String address) {
        control.seed(new Seed(List.of(new Seed.Tenant(tenantId, List.of(), List.of(),
                List.of(new Seed.Mailbox(address, null, null, List.of(), List.of()))))));
    }

    public void addApp(String tenantId, String clientId, String clientSecret, String... mailboxes) {
        addApp(tenantId, new Seed.App(clientId, clientSecret, null, List.of(mailboxes), List.of()));
    }

    /** Registers an app as given, e.g. {@link Seed.App#rbac} or {@link Seed.App#readOnly}. */
    public void addApp(String tenantId, Seed.App app) {
        control.seed(new Seed(List.of(new Seed.Tenant(tenantId, List.of(), List.of(app), List.of()))));
    }

    /** Delivers a mail as the BCC mail-flow rule would, into its folder or the inbox. */
    public MessageView deliver(String mailbox, Mail mail) {
        return control.deliver(mailbox, mail);
    }

    /** Delivers {@code count} mails, made from their number (1-based). */
    public List<MessageView> deliver(String mailbox, int count, IntFunction<Mail> mail) {
        return control.deliver(mailbox, count, mail);
    }

    /**
     * The messages in a folder (id, well-known name or display-name path such as {@code "Not logged"}), or in the
     * whole mailbox for {@code null}; none for a folder the mailbox does not have (yet).
     */
    public List<MessageView> messages(String mailbox, String folder) {
        return control.messages(mailbox, folder);
    }

    /** Moves a message (by regular or immutable id) as a user would in Outlook, e.g. to {@code deleteditems}. */
    public MessageView move(String mailbox, String id, String folder) {
        return control.move(mailbox, id, folder);
    }

    /** Soft-deleted mail (Graph's DELETE puts it there), which Graph's folder APIs do not show. */
    public List<MessageView> recoverableItems(String mailbox) {
        return control.recoverableItems(mailbox);
    }

    /** A message by its regular or immutable id; a soft-deleted one is in folder {@code recoverableitemsdeletions}. */
    public Optional<MessageView> message(String mailbox, String id) {
        return control.message(mailbox, id);
    }

    public String createFolder(String mailbox, String path) {
        return control.createFolder(mailbox, path);
    }

    public long injectFault(Fault fault) {
        return control.injectFault(fault);
    }

    public boolean removeFault(long id) {
        return control.removeFault(id);
    }

    public void clearFaults() {
        control.clearFaults();
    }

    public void dropNextNotifications(int count) {
        control.injectNotificationFault(NotificationFault.dropNext(count));
    }

    public void duplicateNextNotifications(int count) {
        control.injectNotificationFault(NotificationFault.duplicateNext(count));
    }

    public void injectNotificationFault(NotificationFault fault) {
        control.injectNotificationFault(fault);
    }

    public void clearNotificationFaults() {
        control.clearNotificationFaults();
    }

    /** Forgets all delta sync state; every nextLink and deltaLink handed out so far now answers 410. */
    public int evictDeltaTokens() {
        return control.evictDeltaTokens(null);
    }

    public int evictDeltaTokens(String mailbox) {
        return control.evictDeltaTokens(mailbox);
    }

    public List<Subscription> subscriptions() {
        return control.subscriptions();
    }

    /** Removes a subscription and sends {@code subscriptionRemoved} to its lifecycle URL. */
    public Subscription removeSubscription(String id) {
        return control.removeSubscription(id);
    }

    public void sendLifecycleNotification(String subscriptionId, LifecycleEvent event) {
        control.sendLifecycleNotification(subscriptionId, event, false);
    }

    /** Sends {@code reauthorizationRequired} and, with {@code pauseNotifications}, holds back change notifications until the app reauthorizes. */
    public void requireReauthorization(String subscriptionId, boolean pauseNotifications) {
        control.sendLifecycleNotification(subscriptionId, LifecycleEvent.reauthorizationRequired, pauseNotifications);
    }

    public CountersSnapshot counters() {
        return control.counters();
    }

    public void resetCounters() {
        control.resetCounters();
    }

    public List<RequestRecord> requestLog() {
        return control.requestLog();
    }

    /** Requests that arrived before an earlier Retry-After for the same app and mailbox elapsed. */
    public long earlyRetries() {
        return control.counters().earlyRetries();
    }

    /** Early requests to these mailboxes only: what one run or test is answerable for. */
    public long earlyRetries(java.util.Collection<String> mailboxes) {
        return control.counters().earlyRetries(mailboxes);
    }

    /** The early requests themselves, each with how early it was and the answer it did not wait out. */
    public List<RequestRecord> earlyRequests() {
        return control.earlyRequests();
    }

    /** Liberties delta rounds take from now on (empty pages, items repeated across pages, random order). */
    public void deltaQuirks(DeltaQuirks quirks) {
        mailboxes.deltaQuirks(quirks);
    }

    /** Which of Graph's two forms change notifications name their message in ({@code Users/…} by default). */
    public void notificationResourceForm(SubscriptionService.ResourceForm form) {
        subscriptions.resourceForm(form);
    }

    /** Makes every access token issued so far expired: the next Graph call with one gets 401. */
    public void expireAccessTokens() {
        control.expireAccessTokens();
    }

    public ThrottlePolicy throttling() {
        return control.throttling();
    }

    public void throttling(ThrottlePolicy policy) {
        control.throttling(policy);
    }

    public void maxSubscriptionLifetime(Duration lifetime) {
        subscriptions.maxLifetime(lifetime);
    }

    ObjectNode info() {
        ObjectNode node = Json.object();
        node.put("authorityHost", authorityHost());
        node.put("graphBaseUrl", graphBaseUrl());
        node.put("controlUrl", controlUrl());
        node.put("signingKeysUrl", signingKeysUrl());
        node.put("trustStore", trustStorePath().toString());
        node.put("trustStorePassword", trustStorePassword());
        node.put("certificatePem", certificatePemPath().toString());
        ArrayNode apps = node.putArray("apps");
        for (AppRegistration app : control.apps()) {
            ObjectNode entry = apps.addObject();
            entry.put("tenantId", app.tenantId());
            entry.put("clientId", app.clientId());
            ArrayNode access = entry.putArray("mailboxes");
            app.mailboxes().stream().sorted().forEach(access::add);
        }
        ArrayNode boxes = node.putArray("mailboxes");
        control.mailboxes().forEach(m -> boxes.add(m.address()));
        return node;
    }

    private String host() {
        String bind = settings.bindAddress;
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures an emulator; every setting has a Graph-like default. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private final List<Draft> tenants = new ArrayList<>();
        private final List<Seed> seeds = new ArrayList<>();
        private ThrottlePolicy throttling = ThrottlePolicy.GRAPH_DEFAULTS;
        private Duration maxSubscriptionLifetime = Duration.ofMinutes(10_080);
        private Duration accessTokenLifetime = Duration.ofSeconds(3599);
        private Duration validationTimeout = Duration.ofSeconds(10);
        private NotificationDispatcher.Settings notifications = NotificationDispatcher.Settings.DEFAULTS;
        private int serverThreads = 32;
        private long randomSeed = 42;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The HTTPS port; 0 (the default) picks a free one. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** The address to listen on; 127.0.0.1 by default, 0.0.0.0 to serve other containers. */
        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        /** Declares a tenant; the apps and mailboxes declared after it belong to it. */
        public Builder tenant(String id, String... domains) {
            tenants.add(new Draft(id, List.of(domains), new ArrayList<>(), new ArrayList<>()));
            return this;
        }

        /** Registers an app with a secret that may access the given mailboxes ({@code "*"} for all). */
        public Builder app(String clientId, String clientSecret, String... mailboxes) {
            currentTenant().apps().add(new Seed.App(clientId, clientSecret, null, List.of(mailboxes), List.of()));
            return this;
        }

        public Builder app(Seed.App app) {
            currentTenant().apps().add(app);
            return this;
        }

        public Builder mailbox(String address) {
            return mailbox(address, null);
        }

        public Builder mailbox(String address, String displayName) {
            currentTenant().mailboxes().add(new Seed.Mailbox(address, displayName, null, List.of(), List.of()));
            return this;
        }

        public Builder seed(Seed value) {
            seeds.add(value);
            return this;
        }

        public Builder seedFile(Path file) {
            return seed(Seed.read(file));
        }

        public Builder seedJson(String json) {
            return seed(Seed.parse(json.getBytes(StandardCharsets.UTF_8)));
        }

        public Builder throttling(ThrottlePolicy value) {
            throttling = value;
            return this;
        }

        public Builder maxSubscriptionLifetime(Duration value) {
            maxSubscriptionLifetime = value;
            return this;
        }

        public Builder accessTokenLifetime(Duration value) {
            accessTokenLifetime = value;
            return this;
        }

        /** How long a receiver has to answer the subscription validation request; Graph allows 10 s. */
        public Builder validationTimeout(Duration value) {
            validationTimeout = value;
            return this;
        }

        public Builder notifications(NotificationDispatcher.Settings value) {
            notifications = value;
            return this;
        }

        /** How often a notification is tried (first attempt included) and how long before the first retry. */
        public Builder notificationRetries(int maxAttempts, Duration initialBackoff) {
            return notificationRetries(maxAttempts, initialBackoff, notifications.maxBackoff());
        }

        /**
         * Retries as long as Graph's, e.g. {@code (16, 1 s, 1 h)}: the wait doubles up to {@code maxBackoff}, so a
         * receiver that is down for hours still gets its notifications.
         */
        public Builder notificationRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            notifications = new NotificationDispatcher.Settings(notifications.timeout(), maxAttempts, initialBackoff,
                    notifications.batchDelay(), notifications.maxBatch(), maxBackoff);
            return this;
        }

        public Builder serverThreads(int value) {
            serverThreads = value;
            return this;
        }

        /** Seeds the randomness of fractional faults, so a chaos run can be repeated. */
        public Builder randomSeed(long value) {
            randomSeed = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public GraphEmulator build() {
            return new GraphEmulator(this);
        }

        /** A tenant being declared; the lists stay open until {@link #build()}. */
        private record Draft(String id, List<String> domains, List<Seed.App> apps, List<Seed.Mailbox> mailboxes) {
        }

        private Draft currentTenant() {
            if (tenants.isEmpty()) {
                tenant(DEFAULT_TENANT_ID);
            }
            return tenants.get(tenants.size() - 1);
        }

        private Seed seed() {
            return new Seed(tenants.stream().map(t -> new Seed.Tenant(t.id(), t.domains(), t.apps(), t.mailboxes())).toList());
        }
    }
}
