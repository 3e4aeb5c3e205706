package org.mailtrail.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one address of a service that runs as several instances: a TCP relay on the service's standard port that hands
 * each new connection to one instance, as a Kubernetes Service or a load balancer does. An instance that refuses the
 * connection (killed, stopping, or not listening yet) is passed over for the next, so a client only ever fails when
 * no instance is up. The relay sees bytes, not requests: every request on a kept-alive connection goes to the
 * instance the connection went to.
 */
final class FrontRelay implements AutoCloseable {

    /** How the relay picks the instance for a new connection. */
    enum Choice {
        /** The next instance after the one the last connection went to. */
        ROUND_ROBIN,
        /**
         * Always the first instance that accepts: a service that keeps sessions in one instance's memory (the
         * console) is reached as production's cookie affinity reaches it, every connection on one instance.
         */
        FIRST_LIVE
    }

    /** An instance that does not accept within this time counts as refusing; loopback answers at once. */
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final ServerSocket listener;
    private final List<Integer> instances;
    private final Choice choice;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** @param instances the ports the instances listen on, in the order of their numbers */
    FrontRelay(String service, int port, List<Integer> instances, Choice choice) throws IOException {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a relay for " + service + " needs at least one instance");
        }
        this.instances = List.copyOf(instances);
        this.choice = choice;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::accept, "front-relay-" + service);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                // Connecting to an instance may take up to the timeout: the next client must not wait for it.
                Thread connect = new Thread(() -> forward(client), "front-relay-connect");
                connect.setDaemon(true);
                connect.start();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void forward(Socket client) {
        Optional<Socket> instance = connectToAnInstance();
        if (instance.isEmpty()) {
            SocketPumps.closeQuietly(client);
            return;
        }
        Socket server = instance.get();
        open.add(client);
        open.add(server);
        SocketPumps.pump(client, server, open, "front-relay-pump");
        SocketPumps.pump(server, client, open, "front-relay-pump");
    }

    /** The first instance, from the one {@link #choice} names, that accepts the connection. */
    private Optional<Socket> connectToAnInstance() {
        int first = choice == Choice.ROUND_ROBIN ? Math.floorMod(next.getAndIncrement(), instances.size()) : 0;
        for (int i = 0; i < instances.size(); i++) {
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        instances.get((first + i) % instances.size())), CONNECT_TIMEOUT_MILLIS);
                return Optional.of(server);
            } catch (IOException refused) {
                SocketPumps.closeQuietly(server);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        SocketPumps.closeQuietly(listener);
        open.forEach(SocketPumps::closeQuietly);
    }
}
