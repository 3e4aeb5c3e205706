package org.mailtrail.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.control.Seed;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.events.ContractJson;

import tools.jackson.databind.JsonNode;

/**
 * {@code ./mailtrail run}: starts a Kafka broker, a MongoDB-protocol server (data under
 * {@code data/}), graph-emulator with the demo tenant and mailbox, and the four services; creates
 * the demo connection through config-service, checks and enables it, loads the demo directory
 * through the matcher, delivers the demo mail and shows it become interactions. Ctrl-C stops
 * everything. Options: {@code --no-demo}, {@code --tenant FILE} (a real tenant: the connection
 * as config-service takes it, see {@link TenantFile}; no emulator and no demo data), {@code --data DIR},
 * {@code --imap-demo} (beside the Graph demo, the same mail through an IMAP connection to an IMAP server in this
 * JVM, {@link LocalImapServer}, delivered over SMTP).
 */
public final class LocalRun {

    private static final int EMULATOR = 8443;
    /** The IMAP demo's server: IMAPS, plain IMAP on loopback (for a proxy), SMTP. */
    private static final int IMAPS = 9993;
    private static final int IMAP = 9143;
    private static final int SMTP = 2525;
    private static final int DEMO_ROUNDS = 8;
    private static final String IMAP_PASSWORD_FILE = "imap-demo.password";

    private final Path root;
    private final Path data;
    private final boolean demo;
    private final boolean imapDemo;
    private final TenantFile tenant;
    private final Http http = new Http();
    private MailtrailStack stack;
    private GraphEmulator emulator;

    private LocalRun(Path root, Path data, boolean demo, boolean imapDemo, TenantFile tenant) {
        this.root = root;
        this.data = data;
        this.demo = demo;
        this.imapDemo = imapDemo;
        this.tenant = tenant;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        RunOptions options;
        TenantFile connection = null;
        try {
            options = RunOptions.parse(root, args);
            if (options.tenant() != null) {
                connection = TenantFile.read(options.tenant());
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(RunOptions.USAGE);
            System.exit(2);
            return;
        }
        new LocalRun(root, options.data(), options.demo(), options.imapDemo(), connection).run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "mailtrail-stop"));
        if (tenant != null) {
            step(tenant.plan().get(0));
            tenant.plan().stream().skip(1).forEach(line -> System.out.println("  " + line));
        } else {
            step("graph-emulator with the demo tenant and " + DemoData.MAILBOX);
            emulator = GraphEmulator.builder().port(EMULATOR).tenant(DemoData.TENANT_ID, "contoso.com")
                    // Mail.ReadWrite on the one mailbox through Exchange's RBAC for Applications, as the docs advise.
                    .app(Seed.App.rbac(DemoData.CLIENT_ID, DemoData.CLIENT_SECRET, DemoData.MAILBOX))
                    .mailbox(DemoData.MAILBOX, "Sales mail log").build().start();
        }
        // Assigned before it starts, so that a failed start still stops what did start.
        stack = new MailtrailStack(root, data, MailtrailStack.Ports.standard(), emulator);
        if (imapDemo) {
            stack.withImapServer(IMAPS, IMAP, SMTP);
        }
        stack.start(LocalRun::step);
        System.out.printf("%nall processes up after %ds; logs in %s%n", Duration.between(started, Instant.now()).toSeconds(),
                stack.logs());
        System.out.printf("%nconsole: %s  (sign in as one of the people below; passwords in %s)%n", stack.consoleUrl(),
                stack.identity().secretsFile());
        printPeople();

        String config = stack.url("config-service");
        String admin = stack.adminToken();
        String connectionId = tenant != null ? connect(config, admin, tenant.connection(), tenant.enables())
                : connect(config, admin, demoConnection(), true);
        if (demo) {
            String matcher = stack.url("interaction-matcher");
            loadDemoDirectory(matcher);
            runDemo(matcher, connectionId, DemoData.mails(Instant.now(), DEMO_ROUNDS),
                    mail -> emulator.deliver(DemoData.MAILBOX, mail), "into " + DemoData.MAILBOX, started);
        }
        if (imapDemo) {
            LocalImapServer imap = stack.imapServer();
            String password = imap.addMailbox(DemoData.MAILBOX, imapDemoPassword());
            Instant imapStarted = Instant.now();
            String imapConnection = connect(config, admin, imapConnection(imap, password), true);
            runDemo(stack.url("interaction-matcher"), imapConnection, DemoData.imapMails(Instant.now(), DEMO_ROUNDS),
                    mail -> imap.deliver(DemoData.MAILBOX, mail), "over SMTP into " + DemoData.MAILBOX + " at the IMAP"
                            + " server " + imap.host() + ":" + imap.imapsPort(), imapStarted);
        }
        if (tenant != null) {
            printDirectoryHint(stack.url("interaction-matcher"), config, connectionId);
        }
        printUrls();
        System.out.println("\nmailtrail is running. Ctrl-C stops every process.");
        Thread.currentThread().join();
    }

    /** Creates the connection unless it exists, runs the setup checks and enables it when {@code enable}. */
    private String connect(String config, String admin, JsonNode connection, boolean enable) {
        String id = connection.path("id").asString();
        step("connection " + id + ": create, check" + (enable ? ", enable" : " (left disabled)"));
        Http.Response created = http.post(config + "/api/connections", admin, connection);
        if (created.status() == 409) {
            System.out.println("  exists already (kept from an earlier run)");
        } else if (!created.ok()) {
            throw new IllegalStateException("creating the connection failed: " + created.text());
        }
        Http.Response check = http.post(config + "/api/connections/" + id + "/check?createArchiveFolder=true", admin, null);
        if (check.body() != null) {
            for (JsonNode result : check.body().path("results")) {
                System.out.printf("  %-14s %-8s %s%n", result.path("check").asString(), result.path("status").asString(),
                        result.path("message").asString());
            }
        }
        if (!enable) {
            System.out.println("  left disabled, as the tenant file says");
            return id;
        }
        Http.Response enabled = http.post(config + "/api/connections/" + id + "/enable", admin, null);
        if (!enabled.ok()) {
            throw new IllegalStateException("enabling the connection failed: " + enabled.text());
        }
        System.out.println("  enabled");
        return id;
    }

    private JsonNode demoConnection() {
        return ContractJson.mapper().valueToTree(Map.ofEntries(
                Map.entry("id", DemoData.CONNECTION_ID),
                Map.entry("displayName", "Contoso sales (demo)"),
                Map.entry("tenantId", DemoData.TENANT_ID),
                Map.entry("clientId", DemoData.CLIENT_ID),
                Map.entry("clientSecret", DemoData.CLIENT_SECRET),
                Map.entry("authMode", "APPLICATION"),
                Map.entry("mailbox", DemoData.MAILBOX),
                Map.entry("internalDomains", List.of("contoso.com", "contoso.de")),
                Map.entry("graphBaseUrl", emulator.graphBaseUrl()),
                Map.entry("authorityHost", emulator.authorityHost()),
                Map.entry("notificationUrl", stack.url("mail-ingestor") + "/graph/notifications")));
    }

    /**
     * The IMAP demo's connection: the demo mailbox's account at the local IMAP server, over TLS, signed in with a
     * password; mail arrives in INBOX, is archived to "Archive", held in "Not logged".
     */
    private JsonNode imapConnection(LocalImapServer imap, String password) {
        return ContractJson.mapper().valueToTree(Map.ofEntries(
                Map.entry("id", DemoData.IMAP_CONNECTION_ID),
                Map.entry("displayName", "Contoso sales over IMAP (demo)"),
                Map.entry("kind", "IMAP"),
                Map.entry("imap", Map.of("host", imap.host(), "port", imap.imapsPort(), "security", "TLS",
                        "username", DemoData.MAILBOX, "auth", "PASSWORD")),
                Map.entry("password", password),
                Map.entry("mailbox", DemoData.MAILBOX),
                Map.entry("sourceFolder", "INBOX"),
                Map.entry("archiveFolder", "Archive"),
                Map.entry("internalDomains", List.of("contoso.com", "contoso.de"))));
    }

    /**
     * The IMAP demo mailbox's password, made once and kept with the data (readable by its owner only), because the
     * connection a first run created keeps it and the IMAP server, which lives in memory, is new in every run.
     */
    private String imapDemoPassword() throws IOException {
        Path file = data.resolve(IMAP_PASSWORD_FILE);
        if (!Files.exists(file)) {
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(data);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions keeps its own defaults
            }
        }
        return Files.readString(file).strip();
    }

    private void loadDemoDirectory(String matcher) {
        step("demo directory: " + DemoData.salespeople().size() + " salespeople, " + DemoData.contacts().size() + " contacts");
        require(http.put(matcher + "/api/directory/salespeople", stack.adminToken(), DemoData.salespeople()), "salespeople");
        require(http.put(matcher + "/api/directory/contacts", stack.adminToken(), DemoData.contacts()), "contacts");
    }

    /** Delivers the mails a few at a time and prints what the connection's ledger makes of them until all settled. */
    private void runDemo(String matcher, String connectionId, List<Mail> mails, Consumer<Mail> deliver, String where,
            Instant started) {
        JsonNode before = ledger(matcher, connectionId);
        step("delivering " + mails.size() + " demo mails " + where);
        Instant firstLogged = null;
        int delivered = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String lastLine = "";
        while (System.nanoTime() < deadline) {
            // A few mails at a time, as a working day's BCC copies would arrive.
            for (int i = 0; i < 4 && delivered < mails.size(); i++) {
                deliver.accept(mails.get(delivered++));
            }
            JsonNode now = ledger(matcher, connectionId);
            long received = delta(now, before, "received");
            long logged = delta(now, before, "logged");
            long excluded = delta(now, before, "excluded");
            long held = delta(now, before, "held");
            long failed = delta(now, before, "failed");
            if (firstLogged == null && now.path("interactions").asLong() > 0) {
                firstLogged = Instant.now();
            }
            String line = String.format("  delivered %d → received %d → logged %d / excluded %d / held %d / failed %d"
                    + "   (interactions %d, archived %d, held %d, deleted %d)", delivered, received, logged, excluded,
                    held, failed, now.path("interactions").asLong(), now.at("/mailbox/ARCHIVED").asLong(),
                    now.at("/mailbox/HELD").asLong(), now.at("/mailbox/DELETED").asLong());
            if (!line.equals(lastLine)) {
                System.out.println(line);
                lastLine = line;
            }
            boolean settled = delivered == mails.size() && received >= mails.size()
                    && logged + excluded + held + failed >= received && now.at("/mailbox/REQUESTED").asLong() == 0;
            if (settled) {
                summary(now, started, firstLogged);
                return;
            }
            ManagedProcess.pause(Duration.ofMillis(500));
        }
        System.out.println("  not every demo mail was processed within 5 minutes; see the logs in " + stack.logs());
    }

    private void summary(JsonNode ledger, Instant started, Instant firstLogged) {
        System.out.println("\nall demo mail of " + ledger.path("connectionId").asString() + " processed");
        System.out.printf("  time to the first logged interaction: %ds; to the end: %ds%n",
                firstLogged == null ? -1 : Duration.between(started, firstLogged).toSeconds(),
                Duration.between(started, Instant.now()).toSeconds());
        System.out.printf("  ledger of %s: received %d, logged %d, excluded %d %s, held %d %s, failed %d, interactions %d,"
                + " mailbox %s%n", ledger.path("connectionId").asString(), ledger.path("received").asLong(),
                ledger.path("logged").asLong(), ledger.path("excluded").asLong(), ledger.path("excludedByRule"),
                ledger.path("held").asLong(), ledger.path("heldByRule"), ledger.path("failed").asLong(),
                ledger.path("interactions").asLong(), ledger.path("mailbox"));
        System.out.println("  mail that is not logged yet waits in the mailbox's \"Not logged\" folder for 30 days: import its"
                + " sender as a contact and it is logged");
    }

    /** A real tenant's run starts with an empty directory: say how to fill it and where to watch the mail. */
    private void printDirectoryHint(String matcher, String config, String connectionId) {
        System.out.println("\nUntil the directory holds salespeople and contacts, no mail is deleted. Load them (JSON or CSV,"
                + " see interaction-matcher/README.md):");
        System.out.println("  ADMIN=$(./mailtrail token admin" + (data.equals(root.resolve("data")) ? "" : " --data " + data)
                + ")");
        System.out.println("  curl -s -X PUT -H \"Authorization: Bearer $ADMIN\" -H 'Content-Type: application/json' "
                + matcher + "/api/directory/salespeople -d @salespeople.json");
        System.out.println("  curl -s -X PUT -H \"Authorization: Bearer $ADMIN\" -H 'Content-Type: application/json' "
                + matcher + "/api/directory/contacts -d @contacts.json");
        if (!tenant.enables()) {
            System.out.println("Then enable the connection; its first round reads the mail already in the mailbox:");
            System.out.println("  curl -s -X POST -H \"Authorization: Bearer $ADMIN\" " + config + "/api/connections/"
                    + connectionId + "/enable");
        }
        System.out.println("What became of each mail: curl -s -H \"Authorization: Bearer $ADMIN\" " + matcher
                + "/api/ledger/" + connectionId);
    }

    private void printUrls() {
        System.out.println("\nURLs");
        for (String service : List.of("config-service", "mail-ingestor", "interaction-matcher", "opportunity-service")) {
            String url = stack.url(service);
            System.out.printf("  %-20s %s  (API description %s/v3/api-docs, with a token)%n", service, url, url);
        }
        if (emulator != null) {
            System.out.printf("  %-20s %s  (curl --cacert %s)%n", "graph-emulator", emulator.controlUrl(),
                    emulator.certificatePemPath());
        }
        if (imapDemo) {
            LocalImapServer imap = stack.imapServer();
            System.out.printf("  %-20s imaps://%s:%d, smtp://%s:%d  (user %s, password in %s; its certificate is"
                    + " graph-emulator's)%n", "IMAP server", imap.host(), imap.imapsPort(), imap.host(), imap.smtpPort(),
                    DemoData.MAILBOX, data.resolve(IMAP_PASSWORD_FILE));
        }
        System.out.printf("  %-20s %s  (sign in as one of the people below)%n", "console", stack.consoleUrl());
        printPeople();
        System.out.println("\nA token for one of them, with curl (sign-in, then authorization code with PKCE at "
                + stack.issuer() + "):");
        System.out.println("  TOKEN=$(./mailtrail token anna" + (data.equals(root.resolve("data")) ? "" : " --data " + data)
                + ")");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + stack.url("interaction-matcher")
                + "/api/interactions");
    }

    private void printPeople() {
        System.out.println("\nPeople of this development run (passwords in " + stack.identity().secretsFile() + ")");
        for (LocalIdentity.Person person : LocalIdentity.PEOPLE) {
            System.out.printf("  %-8s %-36s %s%n", person.username(), String.join(", ", person.roles()), person.email());
        }
    }

    private JsonNode ledger(String matcher, String connectionId) {
        Http.Response response = http.get(matcher + "/api/ledger/" + connectionId, stack.adminToken());
        if (response.ok() && response.body() != null) {
            return response.body();
        }
        return ContractJson.mapper().createObjectNode();
    }

    private static long delta(JsonNode now, JsonNode before, String field) {
        return now.path(field).asLong() - before.path(field).asLong();
    }

    private static void require(Http.Response response, String what) {
        if (!response.ok()) {
            throw new IllegalStateException("loading " + what + " failed: " + response.status() + " " + response.text());
        }
    }

    private synchronized void stopAll() {
        System.out.println("\nstopping mailtrail");
        if (stack != null) {
            stack.close();
        }
        if (emulator != null) {
            emulator.stop();
        }
    }

    private static void step(String what) {
        System.out.println("▶ " + what);
    }
}
