package org.mailtrail.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrontRelayTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void handsEachNewConnectionToTheNextInstanceInTurn() throws IOException {
        Instance one = instance("one");
        Instance two = instance("two");
        Instance three = instance("three");
        FrontRelay relay = relay(FrontRelay.Choice.ROUND_ROBIN, one, two, three);

        List<String> answered = IntStream.range(0, 6).mapToObj(i -> ask(relay, "ping " + i)).toList();

        assertThat(answered).containsExactly("one: ping 0", "two: ping 1", "three: ping 2", "one: ping 3",
                "two: ping 4", "three: ping 5");
    }

    @Test
    void passesOverAnInstanceThatRefusesTheConnection() throws Exception {
        Instance one = instance("one");
        Instance two = instance("two");
        FrontRelay relay = relay(FrontRelay.Choice.ROUND_ROBIN, one, two);

        two.close();
        List<String> answered = IntStream.range(0, 3).mapToObj(i -> ask(relay, "ping " + i)).toList();

        assertThat(answered).containsExactly("one: ping 0", "one: ping 1", "one: ping 2");
    }

    @Test
    void keepsEveryConnectionOnTheFirstLiveInstanceWhenAskedTo() throws Exception {
        Instance one = instance("one");
        Instance two = instance("two");
        FrontRelay relay = relay(FrontRelay.Choice.FIRST_LIVE, one, two);

        List<String> whileTheFirstRuns = IntStream.range(0, 3).mapToObj(i -> ask(relay, "ping " + i)).toList();
        one.close();
        String onceItIsDown = ask(relay, "ping 3");

        assertThat(whileTheFirstRuns).containsExactly("one: ping 0", "one: ping 1", "one: ping 2");
        assertThat(onceItIsDown).isEqualTo("two: ping 3");
    }

    @Test
    void closesTheClientsConnectionWhenNoInstanceAccepts() throws Exception {
        Instance one = instance("one");
        FrontRelay relay = relay(FrontRelay.Choice.ROUND_ROBIN, one);
        one.close();

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            client.setSoTimeout(5_000);
            assertThat(client.getInputStream().read()).as("first byte read").isEqualTo(-1);
        }
    }

    @Test
    void refusesToRelayToNoInstanceAtAll() {
        assertThatThrownBy(() -> new FrontRelay("nothing", freePort(), List.of(), FrontRelay.Choice.ROUND_ROBIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one instance");
    }

    private FrontRelay relay(FrontRelay.Choice choice, Instance... instances) throws IOException {
        FrontRelay relay = new FrontRelay("test", freePort(), List.of(instances).stream().map(Instance::port).toList(),
                choice);
        opened.add(relay);
        return relay;
    }

    private Instance instance(String name) throws IOException {
        Instance instance = new Instance(name);
        opened.add(instance);
        return instance;
    }

    /** Sends one line through the relay and reads the answer until the instance closes the connection. */
    private static String ask(FrontRelay relay, String line) {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            client.setSoTimeout(5_000);
            OutputStream out = client.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("asking through the relay failed", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A server that answers one line per connection with its name and the line, then hangs up. */
    private static final class Instance implements AutoCloseable {

        private final String name;
        private final ServerSocket server;
        private final Thread answering;

        Instance(String name) throws IOException {
            this.name = name;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.answering = new Thread(this::answer, "instance-" + name);
            answering.setDaemon(true);
            answering.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void answer() {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    InputStream in = connection.getInputStream();
                    StringBuilder line = new StringBuilder();
                    for (int read = in.read(); read >= 0 && read != '\n'; read = in.read()) {
                        line.append((char) read);
                    }
                    connection.getOutputStream().write((name + ": " + line).getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    // the test closed the instance, or the client went away
                }
            }
        }

        /**
         * Stops listening. The port refuses only once the thread blocked in accept has left it: until then the
         * kernel keeps the listening socket, as it would not for a killed process.
         */
        @Override
        public void close() throws IOException, InterruptedException {
            server.close();
            answering.join(5_000);
        }
    }
}
