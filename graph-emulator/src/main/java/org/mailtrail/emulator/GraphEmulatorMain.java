package org.mailtrail.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.mailtrail.emulator.control.Seed;
import org.mailtrail.emulator.throttling.ThrottlePolicy;

/**
 * Runs the emulator from the command line, the way Azurite runs for Azure Storage:
 * {@code java -jar graph-emulator.jar --port 8443 --seed demo.json}. Stops cleanly on SIGTERM or Ctrl-C.
 */
public final class GraphEmulatorMain {

    private static final String USAGE = """
            Usage: java -jar graph-emulator.jar [options]
              --port N                 HTTPS port (default 8443; 0 picks a free one)
              --bind ADDRESS           address to listen on (default 127.0.0.1; 0.0.0.0 for containers)
              --seed FILE              seed file to load; repeatable. A name without a file, such as
                                       demo.json, loads the seed bundled under that name
              --no-throttling          turn Graph's throttling off
              --max-concurrent N       concurrent requests per app and mailbox (default 4)
              --budget N               requests per app and mailbox per window (default 10000)
              --window-seconds N       the budget's window (default 600)
              --subscription-max-minutes N  longest subscription lifetime (default 10080)
              --help                   this text
            """;

    private GraphEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8443;
        String bind = "127.0.0.1";
        List<Seed> seeds = new ArrayList<>();
        List<String> seedNames = new ArrayList<>();
        ThrottlePolicy throttling = ThrottlePolicy.GRAPH_DEFAULTS;
        Duration maxLifetime = Duration.ofMinutes(10_080);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "--bind" -> bind = value(args, ++i);
                    case "--seed" -> {
                        String name = value(args, ++i);
                        Path file = Path.of(name);
                        seeds.add(Files.isRegularFile(file) ? Seed.read(file) : Seed.bundled(file.getFileName().toString()));
                        seedNames.add(name);
                    }
                    case "--no-throttling" -> throttling = throttling.withEnabled(false);
                    case "--max-concurrent" -> throttling = throttling.withMaxConcurrent(Integer.parseInt(value(args, ++i)));
                    case "--budget" -> throttling = throttling.withBudget(Integer.parseInt(value(args, ++i)), throttling.window());
                    case "--window-seconds" -> throttling = throttling.withBudget(throttling.budget(),
                            Duration.ofSeconds(Long.parseLong(value(args, ++i))));
                    case "--subscription-max-minutes" -> maxLifetime = Duration.ofMinutes(Long.parseLong(value(args, ++i)));
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("graph-emulator: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }

        GraphEmulator.Builder builder = GraphEmulator.builder().port(port).bindAddress(bind).throttling(throttling)
                .maxSubscriptionLifetime(maxLifetime);
        seeds.forEach(builder::seed);
        GraphEmulator emulator = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("graph-emulator stopping");
            System.out.flush();
            try {
                emulator.stop();
                System.out.println("graph-emulator stopped");
            } catch (RuntimeException e) {
                System.out.println("graph-emulator stopped with an error: " + e);
            }
            System.out.flush();
            stopped.countDown();
        }, "graph-emulator-shutdown"));

        System.out.println("graph-emulator started on port " + emulator.port());
        System.out.println("  authority host  " + emulator.authorityHost() + "   (token: " + emulator.authorityHost() + "/{tenant}/oauth2/v2.0/token)");
        System.out.println("  graph base url  " + emulator.graphBaseUrl());
        System.out.println("  control api     " + emulator.controlUrl());
        System.out.println("  truststore      " + emulator.trustStorePath() + "   (PKCS12, password " + emulator.trustStorePassword() + ")");
        System.out.println("  certificate     " + emulator.certificatePemPath() + "   (PEM, for curl --cacert)");
        for (int i = 0; i < seeds.size(); i++) {
            Seed seed = seeds.get(i);
            System.out.println("  seeded          " + seedNames.get(i) + ": " + seed.tenants().size() + " tenant(s), "
                    + seed.appCount() + " app(s), " + seed.mailboxCount() + " mailbox(es), " + seed.messageCount() + " message(s)");
        }
        System.out.println("  throttling      " + (throttling.enabled() ? throttling.maxConcurrent() + " concurrent, "
                + throttling.budget() + " per " + throttling.window().toSeconds() + " s per app and mailbox" : "off"));
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
