package org.mailtrail.e2e;

import java.time.Duration;
import java.util.UUID;

import org.mailtrail.e2e.MailtrailUnderTest.Tenant;

/**
 * The one stack {@link EndToEndIT}, {@link ImapEndToEndIT}, {@link ImapChaosIT} and {@link SecurityIT} share: none
 * stops a process or changes a setting another relies on, each has mailboxes and connections of its own, and each
 * looks only at its own connections' ledgers, interactions, Graph requests and IMAP folders (the chaos run's faults are
 * all between the ingestor and its own IMAP mailbox). They run after every other test class and one after the other
 * (their {@code @Order}), so that the stack, which stays up until the run ends, is not idle beside another class's:
 * {@link EndToEndIT} first, since it needs a directory that is still empty, and {@link SecurityIT} last, since it
 * searches everything the others left for secrets.
 */
final class PipelineStack {

    /** Distinctive, so that finding it anywhere means it leaked and is no coincidence. */
    static final Tenant TENANT = new Tenant("8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10",
            "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b", "canary-secret-" + UUID.randomUUID());

    static final String E2E_MAILBOX = "crm-log@contoso.com";
    static final String E2E_NO_HOLD_MAILBOX = "crm-log-no-hold@contoso.com";
    static final String E2E_BRIEF_HOLD_MAILBOX = "crm-log-brief-hold@contoso.com";
    static final String SECURITY_MAILBOX = "security-log@contoso.com";
    /** The Graph mailbox that receives the same mail as {@link #IMAP_MAILBOX}. */
    static final String IMAP_TWIN_MAILBOX = "crm-log-twin@contoso.com";
    /** Mailboxes of the stack's IMAP server (not of the emulator). */
    static final String IMAP_MAILBOX = "crm-log-imap@contoso.com";
    static final String IMAP_CHAOS_MAILBOX = "crm-log-imap-chaos@contoso.com";

    private PipelineStack() {
    }

    /** The stack as a test class registers it; the first class to start starts it for all. */
    static MailtrailUnderTest mailtrail() {
        return MailtrailUnderTest.forTenant("pipeline", TENANT).mailbox(E2E_MAILBOX, "CRM log")
                .mailbox(E2E_NO_HOLD_MAILBOX, null).mailbox(E2E_BRIEF_HOLD_MAILBOX, null)
                .mailbox(SECURITY_MAILBOX, "Security log").mailbox(IMAP_TWIN_MAILBOX, null)
                .stack(stack -> stack.withHoldSweepInterval(Duration.ofSeconds(2)).withImapServer()).shared();
    }
}
