package org.mailtrail.localrun.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsToTheIssuesRatesAndBusinessCentralsTenMinuteJobTwice() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.rates()).containsExactly(10, 50, 200);
        assertThat(options.directRates()).as("the same rates").containsExactly(10, 50, 200);
        assertThat(options.baselineInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.baselinePolls()).isEqualTo(2);
        assertThat(options.out()).isEqualTo(Path.of("target", "benchmark", "report.json"));
        assertThat(options.imap()).as("Graph only").isFalse();
    }

    @Test
    void imapIsAFlagThatMayStandAnywhere() {
        assertThat(BenchmarkOptions.parse("--imap").imap()).isTrue();
        BenchmarkOptions between = BenchmarkOptions.parse("--rates", "10", "--imap", "--duration", "5s");

        assertThat(between.imap()).isTrue();
        assertThat(between.rates()).containsExactly(10);
        assertThat(between.duration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsEveryOptionWithShortDurations() {
        BenchmarkOptions options = BenchmarkOptions.parse("--duration", "20s", "--rates", "5, 25", "--baseline-interval",
                "30s", "--baseline-polls", "3", "--out", "r.json", "--contacts", "500", "--stall-timeout", "1m",
                "--direct-rates", "");

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.rates()).isEqualTo(List.of(5, 25));
        assertThat(options.directRates()).as("none: no matcher-alone phases").isEmpty();
        assertThat(options.baselineInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.baselinePolls()).isEqualTo(3);
        assertThat(options.contacts()).isEqualTo(500);
        assertThat(options.stallTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.out()).isEqualTo(Path.of("r.json"));
    }

    @Test
    void refusesUnknownOptionsAndMeaninglessValues() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--speed", "fast")).hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--duration")).hasMessageContaining("--duration needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--duration", "soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--duration", "PT30S"))
                .hasMessageContaining("write 500ms, 30s, 10m or 1h");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rates", "0")).hasMessageContaining("--rates");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--baseline-polls", "0")).hasMessageContaining("--baseline-polls");
    }

    @Test
    void writesDurationsAsTheyAreTyped() {
        assertThat(BenchmarkOptions.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(BenchmarkOptions.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(BenchmarkOptions.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(BenchmarkOptions.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
