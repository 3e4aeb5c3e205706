package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrail.emulator.http.TlsMaterial;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;

/**
 * Runs the launcher as a user would, in its own JVM, from the built jar when there is one. Its output goes to a
 * file: {@code Process.destroy()} closes the pipes, and what the launcher prints while it stops would be lost.
 */
class StandaloneLauncherIT {

    private static final Pattern STARTED = Pattern.compile("graph-emulator started on port (\\d+)");
    private static final String DEMO_TENANT = "8e4f0f2a-5b1d-4c3e-9a7b-6d2c1e0f9a10";
    private static final String DEMO_CLIENT = "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b";

    @TempDir
    Path directory;

    @Test
    void startsFromTheCommandLineServesTheSeededMailboxAndStopsOnSigterm() throws Exception {
        Path log = directory.resolve("launcher.log");
        Process process = new ProcessBuilder(command("--port", "0", "--seed", "demo.json"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int port = awaitPort(log, Duration.ofSeconds(30));
            String authority = "https://127.0.0.1:" + port;
            GraphServiceClient client = clientFor(authority);

            List<Message> inbox = client.users().byUserId("sales-mail@contoso.com").mailFolders().byMailFolderId("inbox")
                    .messages().get().getValue();

            assertThat(inbox).hasSize(5).extracting(Message::getSubject).contains("Quote for 40 pallet racks");
            assertThat(Files.readAllLines(log)).anySatisfy(line -> assertThat(line).contains("truststore").contains(".p12"));

            process.destroy();

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
            assertThat(Files.readAllLines(log)).last().isEqualTo("graph-emulator stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    /** Built by hand for the launcher's port; it serves the same committed certificate as an embedded emulator. */
    private static GraphServiceClient clientFor(String authority) {
        TlsMaterial trust = TlsMaterial.bundled();
        var credential = new com.azure.identity.ClientSecretCredentialBuilder()
                .tenantId(DEMO_TENANT)
                .clientId(DEMO_CLIENT)
                .clientSecret("emulator-demo-secret")
                .authorityHost(authority)
                .disableInstanceDiscovery()
                .httpClient(Clients.azureHttpClient(trust.certificate()))
                .build();
        var auth = new com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider(credential,
                new String[] {"127.0.0.1"}, Clients.GRAPH_SCOPE);
        GraphServiceClient client = new GraphServiceClient(auth, Clients.okHttp(trust.clientContext(), trust.trustManager()));
        client.getRequestAdapter().setBaseUrl(authority + "/v1.0");
        return client;
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        Path jar = Path.of(System.getProperty("graph-emulator.jar", "target/graph-emulator.jar"));
        if (Files.isRegularFile(jar)) {
            command.add("-jar");
            command.add(jar.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(GraphEmulatorMain.class.getName());
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static int awaitPort(Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher started = STARTED.matcher(Files.readString(log));
                if (started.find()) {
                    return Integer.parseInt(started.group(1));
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("the launcher did not start within " + timeout + "; it printed " + Files.readString(log));
    }
}
