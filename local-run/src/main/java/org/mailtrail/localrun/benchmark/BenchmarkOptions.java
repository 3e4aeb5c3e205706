package org.mailtrail.localrun.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one benchmark run does.
 *
 * @param duration         how long mail is delivered at each rate (and injected for matcher and echo)
 * @param rates            mails per second delivered into the mailbox, one phase per rate, in this order
 * @param directRates      MailReceived per second injected straight into the matcher, and records into the echo;
 *                         one pair of phases per rate
 * @param baselineInterval how often the Business Central baseline polls its inbox (its job queue)
 * @param baselinePolls    how many polls the baseline makes before the run may end
 * @param warmup           mails delivered (and waited for) before anything is measured
 * @param stallTimeout     how long a phase may go without progress before the run fails
 * @param imap             whether each rate is also delivered over SMTP to an IMAP mailbox that an IMAP connection
 *                         reads with IDLE, right after the rate's Graph phase
 */
record BenchmarkOptions(Duration duration, List<Integer> rates, List<Integer> directRates, Duration baselineInterval,
        int baselinePolls, int salespeople, int contacts, int warmup, Duration stallTimeout, Path out, boolean imap) {

    static final String USAGE = """
            usage: ./mailtrail benchmark [--duration 60s] [--rates 10,50,200] [--direct-rates R,…]
                                         [--baseline-interval 10m] [--baseline-polls 2]
                                         [--salespeople 20] [--contacts 2000] [--warmup 100]
                                         [--stall-timeout 5m] [--out target/benchmark/report.json] [--imap]
              durations as 500ms, 30s, 10m or 1h; --direct-rates defaults to --rates;
              --imap: each rate also over SMTP into an IMAP mailbox read with IDLE, after its Graph phase""";

    BenchmarkOptions {
        rates = List.copyOf(rates);
        directRates = List.copyOf(directRates);
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(!rates.isEmpty() && rates.stream().allMatch(rate -> rate > 0), "--rates must be positive numbers");
        require(directRates.stream().allMatch(rate -> rate > 0), "--direct-rates must be positive numbers");
        require(!baselineInterval.isNegative() && !baselineInterval.isZero(), "--baseline-interval must be positive");
        require(baselinePolls > 0, "--baseline-polls must be at least 1");
        require(salespeople >= 2 && contacts >= 2, "the directory needs at least 2 salespeople and 2 contacts");
        require(warmup >= 0, "--warmup must not be negative");
    }

    static BenchmarkOptions parse(String... args) {
        Duration duration = Duration.ofSeconds(60);
        List<Integer> rates = List.of(10, 50, 200);
        List<Integer> directRates = null;
        Duration baselineInterval = Duration.ofMinutes(10);
        int baselinePolls = 2;
        int salespeople = 20;
        int contacts = 2_000;
        int warmup = 100;
        Duration stallTimeout = Duration.ofMinutes(5);
        Path out = Path.of("target", "benchmark", "report.json");
        boolean imap = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--imap")) {
                imap = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                        : "unknown argument " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--duration" -> duration = duration(value);
                case "--rates" -> rates = numbers(value);
                case "--direct-rates" -> directRates = numbers(value);
                case "--baseline-interval" -> baselineInterval = duration(value);
                case "--baseline-polls" -> baselinePolls = Integer.parseInt(value);
                case "--salespeople" -> salespeople = Integer.parseInt(value);
                case "--contacts" -> contacts = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--stall-timeout" -> stallTimeout = duration(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new BenchmarkOptions(duration, rates, directRates != null ? directRates : rates, baselineInterval,
                baselinePolls, salespeople, contacts, warmup, stallTimeout, out, imap);
    }

    private static List<Integer> numbers(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).map(Integer::valueOf)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a list of numbers: " + text);
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m} or {@code 1h}: durations are written one way throughout mailtrail. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: " + text + " (write 500ms, 30s, 10m or 1h)");
        }
    }

    /** As the report writes a duration: {@code 60s}, {@code 10m}, {@code 1m30s}. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
