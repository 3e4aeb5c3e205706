package org.mailtrail.platform.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedriveOptionsTest {

    @TempDir
    Path directory;

    @Test
    void readsEveryOptionAndTheClientSettingsOfACommandConfigFile() throws Exception {
        Path file = Files.writeString(directory.resolve("client.properties"),
                "security.protocol=SSL\nssl.truststore.location=/etc/kafka/truststore.p12\n");

        RedriveOptions options = RedriveOptions.parse("--bootstrap-servers", "kafka:9093", "--dlq",
                "mail.received.v1.interaction-matcher.dlq", "--dry-run", "--max", "10", "--group", "redrive-2",
                "--command-config", file.toString());

        assertThat(options).isEqualTo(new RedriveOptions("kafka:9093", "mail.received.v1.interaction-matcher.dlq",
                true, OptionalLong.of(10), "redrive-2",
                Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/kafka/truststore.p12")));
    }

    @Test
    void movesEverythingInTheRedriveGroupUnlessToldOtherwise() {
        RedriveOptions options = RedriveOptions.parse("--bootstrap-servers", "kafka:9092", "--dlq", "a.v1.g.dlq");

        assertThat(options.dryRun()).isFalse();
        assertThat(options.max()).isEmpty();
        assertThat(options.group()).isEqualTo("mailtrail-redrive");
        assertThat(options.clientProperties()).isEmpty();
    }

    @Test
    void refusesWhatItCannotUseWithTheReason() {
        assertThatThrownBy(() -> RedriveOptions.parse("--bootstrap-servers", "kafka:9092", "--dlq", "a.v1.g.dlq",
                "--max", "0")).hasMessage("--max must be a positive number of records");
        assertThatThrownBy(() -> RedriveOptions.parse("--bootstrap-servers", "kafka:9092", "--dlq", "a.v1.g.dlq",
                "--topic", "x")).hasMessage("unknown option --topic");
        assertThatThrownBy(() -> RedriveOptions.parse("--bootstrap-servers", "--dlq", "a.v1.g.dlq"))
                .hasMessage("--bootstrap-servers needs a value");
        assertThatThrownBy(() -> RedriveOptions.parse("--bootstrap-servers", "kafka:9092", "--dlq", "a.v1.g.dlq",
                "--command-config", directory.resolve("absent.properties").toString()))
                .hasMessageStartingWith("cannot read --command-config ");
    }
}
