package org.mailtrail.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a server that can make the server unreachable for a while: every open
 * connection is cut and every new one is closed at once, as when a network partition or a dead
 * host separates the clients from it. The chaos tests put it in front of the MongoDB-protocol server.
 */
final class OutageSwitch implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Instant unreachableUntil = Instant.MIN;

    OutageSwitch(int port, int target) throws IOException {
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.target = target;
        Thread acceptor = new Thread(this::accept, "outage-switch-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Cuts every connection now and refuses new ones until {@code duration} has passed. */
    void unreachableFor(Duration duration) {
        unreachableUntil = Instant.now().plus(duration);
        open.forEach(SocketPumps::closeQuietly);
        open.clear();
    }

    private boolean reachable() {
        return Instant.now().isAfter(unreachableUntil);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!reachable()) {
                    SocketPumps.closeQuietly(client);
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    SocketPumps.closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(server);
                SocketPumps.pump(client, server, open, "outage-switch-relay");
                SocketPumps.pump(server, client, open, "outage-switch-relay");
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        SocketPumps.closeQuietly(listener);
        open.forEach(SocketPumps::closeQuietly);
    }
}
