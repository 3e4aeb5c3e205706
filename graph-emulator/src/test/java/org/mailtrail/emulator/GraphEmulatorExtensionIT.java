package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;

class GraphEmulatorExtensionIT {

    /** An instance field: a fresh emulator for every test. */
    @RegisterExtension
    final GraphEmulatorExtension graph = GraphEmulatorExtension.with(builder -> builder
            .tenant(Fixtures.TENANT, Fixtures.DOMAIN)
            .mailbox(Fixtures.SHARED_MAILBOX));

    @Test
    void handsTheRunningEmulatorToATestParameter(GraphEmulator emulator) {
        assertThat(emulator).isSameAs(graph.emulator());
        assertThat(emulator.graphBaseUrl()).matches("https://127\\.0\\.0\\.1:\\d+/v1\\.0");
        emulator.deliver(Fixtures.SHARED_MAILBOX, Fixtures.customerMail(1));
        assertThat(emulator.messages(Fixtures.SHARED_MAILBOX, null)).hasSize(1);
    }

    /** Whichever of the two tests runs second would see two mails if the emulator were shared. */
    @Test
    void startsEachTestWithAFreshEmulatorWhenRegisteredOnAnInstanceField(GraphEmulator emulator) {
        emulator.deliver(Fixtures.SHARED_MAILBOX, Fixtures.customerMail(1));

        assertThat(emulator.messages(Fixtures.SHARED_MAILBOX, "inbox")).hasSize(1);
    }
}
