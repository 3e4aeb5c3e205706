package org.mailtrail.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RunOptionsTest {

    private static final Path ROOT = Path.of("/checkout");

    @Test
    void runsTheGraphDemoWithItsDataInTheCheckoutUnlessToldOtherwise() {
        RunOptions options = RunOptions.parse(ROOT, "run");

        assertThat(options.demo()).isTrue();
        assertThat(options.imapDemo()).isFalse();
        assertThat(options.tenant()).isNull();
        assertThat(options.data()).isEqualTo(Path.of("/checkout/data"));
    }

    @Test
    void imapDemoAddsTheImapConnectionToTheDemo() {
        RunOptions options = RunOptions.parse(ROOT, "run", "--imap-demo", "--data", "/tmp/run");

        assertThat(options.demo()).isTrue();
        assertThat(options.imapDemo()).isTrue();
        assertThat(options.data()).isEqualTo(Path.of("/tmp/run"));
    }

    @Test
    void aTenantRunHasNoDemo() {
        RunOptions options = RunOptions.parse(ROOT, "run", "--tenant", "tenant.json");

        assertThat(options.demo()).isFalse();
        assertThat(options.tenant()).isEqualTo(Path.of("/checkout/tenant.json"));
    }

    @Test
    void refusesAnImapDemoWithoutTheDemoOrAgainstATenant() {
        assertThatThrownBy(() -> RunOptions.parse(ROOT, "run", "--imap-demo", "--no-demo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--imap-demo adds an IMAP connection to the demo: it goes with neither --no-demo nor --tenant");
        assertThatThrownBy(() -> RunOptions.parse(ROOT, "run", "--tenant", "t.json", "--imap-demo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--imap-demo adds");
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> RunOptions.parse(ROOT, "run", "--imap")).hasMessage("unknown option --imap");
        assertThatThrownBy(() -> RunOptions.parse(ROOT, "run", "--data")).hasMessage("--data needs a directory");
        assertThatThrownBy(() -> RunOptions.parse(ROOT, "run", "--tenant", "--imap-demo"))
                .hasMessage("--tenant needs the connection file");
    }
}
