package org.mailtrail.ingestor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.subscription.NotificationDispatcher;

/** The tenant, app and mail the ingestor's tests share; every test takes a mailbox of its own. */
final class GraphFixtures {

    static final String TENANT = "8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10";
    static final String DOMAIN = "contoso.com";
    static final String CLIENT_ID = "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b";
    static final String SECRET = "ingestor-test-secret";

    private static final AtomicInteger MAILBOXES = new AtomicInteger();

    private GraphFixtures() {
    }

    /** One tenant and an app that may read every mailbox of it; notifications retried quickly. */
    static GraphEmulator.Builder emulator() {
        return GraphEmulator.builder()
                .tenant(TENANT, DOMAIN)
                .app(CLIENT_ID, SECRET, "*")
                .notifications(new NotificationDispatcher.Settings(Duration.ofSeconds(3), 3, Duration.ofMillis(300),
                        Duration.ofMillis(50), 100));
    }

    /** A new, empty shared mailbox. */
    static String newMailbox(GraphEmulator emulator, String purpose) {
        String address = purpose + "-" + MAILBOXES.incrementAndGet() + "@" + DOMAIN;
        emulator.addMailbox(TENANT, address);
        return address;
    }

    /** A customer's mail, sent by an assistant on behalf of the customer, as the BCC rule delivers it. */
    static Mail customerMail(int number) {
        return Mail.builder()
                .from("Jordan Smith <j.smith@fabrikam.example>")
                .sender("Jordan's Assistant <assistant@fabrikam.example>")
                .to("Anna Berger <anna.berger@contoso.com>")
                .cc("Lars Holm <lars.holm@contoso.com>")
                .bcc("crm-log@contoso.com")
                .subject("Order " + number)
                .body("Please confirm order " + number + ".")
                .internetMessageId("<order-" + number + "-" + System.nanoTime() + "@fabrikam.example>")
                .build();
    }
}
