package org.mailtrail.emulator;

import java.util.concurrent.atomic.AtomicInteger;

import org.mailtrail.emulator.mailbox.Mail;

/** The tenant, app and mail the tests share; every test that counts mail takes a mailbox of its own. */
final class Fixtures {

    static final String TENANT = "8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10";
    static final String DOMAIN = "contoso.com";
    static final String CLIENT_ID = "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b";
    static final String SECRET = "test-secret";
    static final String SHARED_MAILBOX = "sales-mail@contoso.com";

    private static final AtomicInteger MAILBOXES = new AtomicInteger();

    private Fixtures() {
    }

    /** An emulator with one tenant, one shared mailbox and an app that may access every mailbox of the tenant. */
    static GraphEmulator.Builder standard() {
        return GraphEmulator.builder()
                .tenant(TENANT, DOMAIN, "contoso.onmicrosoft.com")
                .mailbox(SHARED_MAILBOX, "Sales mail log")
                .app(CLIENT_ID, SECRET, "*");
    }

    /** A new, empty mailbox in the test tenant. */
    static String newMailbox(GraphEmulator emulator, String purpose) {
        String address = purpose + "-" + MAILBOXES.incrementAndGet() + "@" + DOMAIN;
        emulator.addMailbox(TENANT, address);
        return address;
    }

    static Mail customerMail(int number) {
        return Mail.builder()
                .from("Jordan Smith <j.smith@fabrikam.example>")
                .to("Anna Berger <anna.berger@contoso.com>")
                .subject("Order " + number)
                .body("Please confirm order " + number + ".")
                .build();
    }
}
