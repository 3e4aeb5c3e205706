package org.mailtrail.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailtrailStackTest {

    @TempDir
    Path data;

    @Test
    void runsOneInstanceOfEachServiceUnlessToldOtherwise() {
        MailtrailStack stack = new MailtrailStack(Path.of("."), data, MailtrailStack.Ports.free(), null);

        assertThat(stack.instances()).isEqualTo(1);
        assertThat(stack.withInstances(3).instances()).isEqualTo(3);
    }

    @Test
    void refusesFewerThanOneInstanceOfEachService() {
        MailtrailStack stack = new MailtrailStack(Path.of("."), data, MailtrailStack.Ports.free(), null);

        assertThatThrownBy(() -> stack.withInstances(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a stack runs at least one instance of each service, not 0");
    }

    @Test
    void refusesAnImapServerWithoutTheEmulatorWhoseCertificateItPresents() {
        MailtrailStack stack = new MailtrailStack(Path.of("."), data, MailtrailStack.Ports.free(), null);

        assertThatThrownBy(stack::withImapServer).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the IMAP server presents graph-emulator's certificate");
        assertThatThrownBy(stack::imapServer).isInstanceOf(IllegalStateException.class)
                .hasMessage("start the stack withImapServer() to have an IMAP server");
    }
}
