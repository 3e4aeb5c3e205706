package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.control.Seed;
import org.mailtrail.localrun.MailtrailStack;

import tools.jackson.databind.JsonNode;

/**
 * The whole of mailtrail for one test class: graph-emulator as a Microsoft 365 tenant, and the stack (the four
 * services as processes from their jars, a Kafka broker, a MongoDB-protocol server) on free ports with its data in a
 * temporary directory. Registered as a static {@code @RegisterExtension} field, it starts before the class's
 * {@code @BeforeAll} methods and stops every process after the class's last test, however the tests ended. A
 * {@link #shared() shared} one is started by the first test class that registers it and stopped after the last test
 * class of the run.
 */
final class MailtrailUnderTest implements BeforeAllCallback, AfterAllCallback {

    /** The tenant graph-emulator plays, and the app registration mailtrail reads its mailboxes as. */
    record Tenant(String id, String clientId, String clientSecret) {
    }

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String DOMAIN = "contoso.com";
    /** The archive folder of the IMAP connections, as an Exchange Server mailbox names it. */
    static final String IMAP_ARCHIVE = "Archive";

    private final String name;
    private final Tenant tenant;
    /** Address → display name ({@code null} for none), in the order the emulator gets them. */
    private final Map<String, String> mailboxes = new LinkedHashMap<>();
    private UnaryOperator<MailtrailStack> options = UnaryOperator.identity();
    private boolean shared;
    private GraphEmulator emulator;
    private MailtrailStack stack;
    private Path data;

    private MailtrailUnderTest(String name, Tenant tenant) {
        this.name = name;
        this.tenant = tenant;
    }

    /** @param name names the temporary directory and starts each line of start-up progress */
    static MailtrailUnderTest forTenant(String name, Tenant tenant) {
        return new MailtrailUnderTest(name, tenant);
    }

    MailtrailUnderTest mailbox(String address, String displayName) {
        mailboxes.put(address, displayName);
        return this;
    }

    MailtrailUnderTest mailboxes(List<String> addresses) {
        addresses.forEach(address -> mailboxes.put(address, null));
        return this;
    }

    /** How the stack is to differ from the local run's (e.g. {@link MailtrailStack#withMongoOutageSwitch()}). */
    MailtrailUnderTest stack(UnaryOperator<MailtrailStack> configure) {
        this.options = configure;
        return this;
    }

    /**
     * Started once for every test class that registers a shared one of this name (they must define it alike), and
     * stopped once JUnit's root store is closed, after the run's last test class.
     */
    MailtrailUnderTest shared() {
        this.shared = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (shared && context != null) {
            MailtrailUnderTest started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(MailtrailUnderTest.class.getName() + "/" + name, key -> {
                        try {
                            start();
                        } catch (Exception e) {
                            throw new IllegalStateException("the stack " + name + " did not start", e);
                        }
                        return new Running(this);
                    }, Running.class).mailtrail();
            emulator = started.emulator;
            stack = started.stack;
            data = started.data;
        } else {
            start();
        }
    }

    private void start() throws Exception {
        try {
            GraphEmulator.Builder graph = GraphEmulator.builder().port(0).tenant(tenant.id(), DOMAIN)
                    .app(Seed.App.rbac(tenant.clientId(), tenant.clientSecret(), mailboxes.keySet().toArray(String[]::new)));
            mailboxes.forEach(graph::mailbox);
            emulator = graph.build().start();
            data = Files.createTempDirectory("mailtrail-" + name);
            stack = options.apply(new MailtrailStack(ROOT, data, MailtrailStack.Ports.free(), emulator));
            stack.start(step -> System.out.println(name + ": starting " + step));
        } catch (Exception | Error e) {
            // What did start must not outlive a start that failed half-way.
            close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared) {
            close();
        }
    }

    /** A shared stack as JUnit's root store holds it, which closes it at the end of the run. */
    private record Running(MailtrailUnderTest mailtrail) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            mailtrail.close();
        }
    }

    GraphEmulator emulator() {
        return emulator;
    }

    MailtrailStack stack() {
        return stack;
    }

    String url(String service) {
        return stack.url(service);
    }

    /** Where the stack keeps its data: the MongoDB files, the broker's log, the logs and the run's identities. */
    Path data() {
        return data;
    }

    /**
     * Connects a mailbox of the tenant the way an administrator does: creates the connection in config-service, with
     * push notifications to the ingestor's webhook, then enables it.
     *
     * @param more further settings of the connection, over the ones a push connection to the emulator needs
     */
    void connect(Api api, String connection, String mailbox, Map<String, Object> more) {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + stack.adminToken());
        Map<String, Object> settings = new HashMap<>(Map.ofEntries(
                Map.entry("id", connection), Map.entry("displayName", connection), Map.entry("tenantId", tenant.id()),
                Map.entry("clientId", tenant.clientId()), Map.entry("clientSecret", tenant.clientSecret()),
                Map.entry("authMode", "APPLICATION"), Map.entry("mailbox", mailbox),
                Map.entry("internalDomains", List.of(DOMAIN)), Map.entry("graphBaseUrl", emulator.graphBaseUrl()),
                Map.entry("authorityHost", emulator.authorityHost()),
                Map.entry("notificationUrl", url("mail-ingestor") + "/graph/notifications")));
        settings.putAll(more);
        Api.Response created = api.post(url("config-service") + "/api/connections", admin, settings);
        assertThat(created.status()).as("create connection %s: %s", connection, created.body()).isEqualTo(201);
        Api.Response enabled = api.post(url("config-service") + "/api/connections/" + connection + "/enable", admin,
                null);
        assertThat(enabled.status()).as("enable %s: %s", connection, enabled.body()).isEqualTo(200);
    }

    /**
     * Connects a mailbox of the stack's IMAP server the way an administrator does: creates the connection of kind IMAP
     * in config-service (TLS, password, INBOX read, mail archived to "Archive"), runs its setup checks, creating the
     * archive folder, and enables it.
     *
     * @param port where the ingestor is to reach the server: the IMAPS listener, or a proxy in front of it
     * @param more further settings of the connection
     * @return the setup checks' answer
     */
    JsonNode connectImap(Api api, String connection, String mailbox, int port, Map<String, Object> more) {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + stack.adminToken());
        String password = stack.imapServer().addMailbox(mailbox);
        Map<String, Object> settings = new HashMap<>(Map.ofEntries(
                Map.entry("id", connection), Map.entry("displayName", connection), Map.entry("kind", "IMAP"),
                Map.entry("imap", Map.of("host", stack.imapServer().host(), "port", port, "security", "TLS",
                        "username", mailbox, "auth", "PASSWORD")),
                Map.entry("password", password), Map.entry("mailbox", mailbox), Map.entry("sourceFolder", "INBOX"),
                Map.entry("archiveFolder", IMAP_ARCHIVE), Map.entry("internalDomains", List.of(DOMAIN))));
        settings.putAll(more);
        Api.Response created = api.post(url("config-service") + "/api/connections", admin, settings);
        assertThat(created.status()).as("create connection %s: %s", connection, created.body()).isEqualTo(201);
        Api.Response checked = api.post(url("config-service") + "/api/connections/" + connection
                + "/check?createArchiveFolder=true", admin, null);
        assertThat(checked.status()).as("check %s: %s", connection, checked.body()).isEqualTo(200);
        Api.Response enabled = api.post(url("config-service") + "/api/connections/" + connection + "/enable", admin,
                null);
        assertThat(enabled.status()).as("enable %s: %s", connection, enabled.body()).isEqualTo(200);
        return checked.body();
    }

    private void close() {
        if (stack != null) {
            stack.close();
        }
        if (emulator != null) {
            emulator.stop();
        }
    }
}
