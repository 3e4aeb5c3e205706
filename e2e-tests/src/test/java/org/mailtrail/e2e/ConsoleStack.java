package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mailtrail.e2e.MailtrailUnderTest.Tenant;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.localrun.DemoData;

import tools.jackson.databind.JsonNode;

/**
 * The whole of mailtrail with the console, as {@code ./mailtrail run} shows it: the demo tenant in graph-emulator, its
 * connection enabled, the demo directory and a day of demo mail logged. Started once for every console test class
 * (they share it through JUnit's root store, which closes it after the last of them); each test class brings its own
 * browser. A second mailbox of the tenant, {@link #SETUP_MAILBOX}, is left for the setup test to connect.
 */
final class ConsoleStack implements ExtensionContext.Store.CloseableResource {

    static final String SETUP_MAILBOX = "new-mail-log@contoso.com";
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final MailtrailUnderTest mailtrail;
    private final Api admin;
    private final int demoMails;

    private ConsoleStack(MailtrailUnderTest mailtrail, Api admin, int demoMails) {
        this.mailtrail = mailtrail;
        this.admin = admin;
        this.demoMails = demoMails;
    }

    private static ConsoleStack start() throws Exception {
        MailtrailUnderTest mailtrail = MailtrailUnderTest.forTenant("console",
                new Tenant(DemoData.TENANT_ID, DemoData.CLIENT_ID, DemoData.CLIENT_SECRET))
                .mailbox(DemoData.MAILBOX, "Sales mail log").mailbox(SETUP_MAILBOX, "New mail log");
        mailtrail.beforeAll(null);
        try {
            return demo(mailtrail);
        } catch (Exception | Error e) {
            mailtrail.afterAll(null);
            throw e;
        }
    }

    private static ConsoleStack demo(MailtrailUnderTest mailtrail) {
        Api admin = new Api().as(() -> mailtrail.stack().adminToken());
        mailtrail.connect(admin, DemoData.CONNECTION_ID, DemoData.MAILBOX,
                Map.of("internalDomains", List.of("contoso.com", "contoso.de")));
        String matcher = mailtrail.url("interaction-matcher");
        assertThat(admin.put(matcher + "/api/directory/salespeople", DemoData.salespeople()).status()).isEqualTo(200);
        assertThat(admin.put(matcher + "/api/directory/contacts", DemoData.contacts()).status()).isEqualTo(200);
        List<Mail> mails = DemoData.mails(Instant.now(), 1);
        mails.forEach(mail -> mailtrail.emulator().deliver(DemoData.MAILBOX, mail));
        ConsoleStack stack = new ConsoleStack(mailtrail, admin, mails.size());
        stack.awaitSettled();
        return stack;
    }

    /** Waits until every mail delivered so far has its disposition in the demo connection's ledger. */
    void awaitSettled() {
        await().atMost(WAIT).until(() -> {
            JsonNode ledger = admin.get(url("interaction-matcher") + "/api/ledger/" + DemoData.CONNECTION_ID).body();
            return ledger != null && ledger.path("received").asLong() >= demoMails
                    && ledger.at("/mailbox/REQUESTED").asLong() == 0;
        });
    }

    void deliver(Mail mail) {
        mailtrail.emulator().deliver(DemoData.MAILBOX, mail);
    }

    String consoleUrl() {
        return mailtrail.stack().consoleUrl();
    }

    String url(String service) {
        return mailtrail.url(service);
    }

    String password(String username) {
        return mailtrail.stack().identity().password(username);
    }

    /** The API as one of the run's people sees it, to compare the console's pages with. */
    Api as(String username) {
        return new Api().as(() -> mailtrail.stack().personToken(username));
    }

    MailtrailUnderTest mailtrail() {
        return mailtrail;
    }

    @Override
    public void close() {
        mailtrail.afterAll(null);
    }

    /** Gives a test class (its {@code @BeforeAll} and test methods) the one shared stack, started on first use. */
    static final class Shared implements BeforeAllCallback, ParameterResolver {

        @Override
        public void beforeAll(ExtensionContext context) {
            stack(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ConsoleStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return stack(context);
        }

        private static ConsoleStack stack(ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(ConsoleStack.class, key -> {
                        try {
                            return start();
                        } catch (Exception e) {
                            throw new IllegalStateException("the console's stack did not start", e);
                        }
                    }, ConsoleStack.class);
        }
    }
}
