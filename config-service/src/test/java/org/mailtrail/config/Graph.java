package org.mailtrail.config;

import java.util.List;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.emulator.control.Seed;

/**
 * The Microsoft 365 tenant the integration tests run against: one graph-emulator per test JVM, over HTTPS with
 * its committed test certificate, with the apps and mailboxes the scenarios need.
 */
final class Graph {

    static final String TENANT = "7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10";
    static final String DOMAIN = "contoso.com";
    /** The shared mailbox mail is logged from. */
    static final String MAILBOX = "crm-log@contoso.com";
    /** A mailbox the main app may not access (an application access policy keeps it out). */
    static final String PRIVATE_MAILBOX = "ceo@contoso.com";

    /** The app registration with application permission on {@link #MAILBOX}. */
    static final String APP = "5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b";
    static final String APP_SECRET = "app-secret-" + java.util.UUID.randomUUID();
    /** An app whose access is scoped to {@link #PRIVATE_MAILBOX} only. */
    static final String NARROW_APP = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    static final String NARROW_APP_SECRET = "narrow-secret-" + java.util.UUID.randomUUID();
    /** An app given Mail.ReadWrite on {@link #MAILBOX} by Exchange's RBAC for Applications alone: no roles in its tokens. */
    static final String RBAC_APP = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98";
    static final String RBAC_APP_SECRET = "rbac-secret-" + java.util.UUID.randomUUID();
    /** An app that may read {@link #MAILBOX} but not change it (Mail.Read). */
    static final String READ_ONLY_APP = "6d5c4b3a-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
    static final String READ_ONLY_APP_SECRET = "read-only-secret-" + java.util.UUID.randomUUID();
    /** An app for delegated access (authorization code with PKCE); the user it signs in is {@link #MAILBOX}. */
    static final String DELEGATED_APP = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String DELEGATED_APP_SECRET = "delegated-secret-" + java.util.UUID.randomUUID();

    private static final GraphEmulator EMULATOR = start();

    static GraphEmulator emulator() {
        return EMULATOR;
    }

    private static GraphEmulator start() {
        GraphEmulator emulator = GraphEmulator.builder()
                .tenant(TENANT, DOMAIN)
                .mailbox(MAILBOX, "CRM mail log")
                .mailbox(PRIVATE_MAILBOX, "Chief executive")
                .app(APP, APP_SECRET, MAILBOX)
                .app(NARROW_APP, NARROW_APP_SECRET, PRIVATE_MAILBOX)
                .app(Seed.App.rbac(RBAC_APP, RBAC_APP_SECRET, MAILBOX))
                .app(Seed.App.readOnly(READ_ONLY_APP, READ_ONLY_APP_SECRET, MAILBOX))
                .app(new Seed.App(DELEGATED_APP, DELEGATED_APP_SECRET, "mailtrail delegated", List.of(MAILBOX), List.of()))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "graph-emulator-stop"));
        return emulator;
    }

    private Graph() {
    }
}
