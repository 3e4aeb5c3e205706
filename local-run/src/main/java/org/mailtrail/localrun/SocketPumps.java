package org.mailtrail.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;

/** The byte pumps of the local TCP relays: one thread per direction of a relayed connection. */
final class SocketPumps {

    private SocketPumps() {
    }

    /**
     * Copies what {@code from} receives to {@code to} on a thread of its own, until either side goes away; then
     * closes both and forgets them in {@code open}.
     */
    static void pump(Socket from, Socket to, Set<Socket> open, String threadName) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException closed) {
                // One side went away (an instance was killed, a client hung up, a switch cut it): the other goes too.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, threadName);
        pump.setDaemon(true);
        pump.start();
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that is wanted
        }
    }
}
