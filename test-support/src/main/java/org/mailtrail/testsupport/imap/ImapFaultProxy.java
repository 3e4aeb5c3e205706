package org.mailtrail.testsupport.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TCP proxy between an IMAP client and an IMAP server for fault tests. It terminates TLS toward the client (with the
 * key store it is given) and speaks plain IMAP to the server behind it (GreenMail). On request it
 * <ul>
 * <li>drops every connection it carries, IDLE ones included ({@link #dropAll()});</li>
 * <li>refuses new connections for a while, closing them as they come ({@link #refuseFor(Duration)});</li>
 * <li>hides capabilities (MOVE, IDLE, UIDPLUS…) from every CAPABILITY answer: untagged, in the greeting and in
 * response codes ({@link #stripCapabilities(String...)});</li>
 * <li>answers {@code NO} to the next n {@code MOVE}/{@code UID MOVE} commands without passing them on
 * ({@link #refuseMoves(int)}).</li>
 * </ul>
 * It reads both directions line by line and passes literals ({@code {n}}) through untouched, so commands and
 * answers arrive byte for byte as sent, except for what a fault changes.
 */
public final class ImapFaultProxy implements Closeable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}\\r?\\n$");
    private static final Pattern MOVE = Pattern.compile("^(\\S+) (?:UID )?MOVE .*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ServerSocket server;
    private final String backendHost;
    private volatile int backendPort;
    private final Set<Socket> sockets = new CopyOnWriteArraySet<>();
    private final Set<String> stripped = ConcurrentHashMap.newKeySet();
    private final AtomicInteger movesToRefuse = new AtomicInteger();
    private final AtomicLong refusingUntil = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicReference<Thread> acceptor = new AtomicReference<>();
    private volatile boolean closed;

    private ImapFaultProxy(ServerSocket server, String backendHost, int backendPort) {
        this.server = server;
        this.backendHost = backendHost;
        this.backendPort = backendPort;
    }

    /** A proxy on a free port of 127.0.0.1, TLS with the PKCS12 key store's key, to the server at host:port. */
    public static ImapFaultProxy start(Path keyStore, String password, String backendHost, int backendPort) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, password.toCharArray());
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(factory.getKeyManagers(), null, null);
            SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress());
            ImapFaultProxy proxy = new ImapFaultProxy(socket, backendHost, backendPort);
            Thread thread = new Thread(proxy::accept, "imap-fault-proxy-" + socket.getLocalPort());
            thread.setDaemon(true);
            proxy.acceptor.set(thread);
            thread.start();
            return proxy;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the IMAP fault proxy could not start", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Points new connections at another port of the server (a server started again elsewhere). */
    public void backendPort(int port) {
        this.backendPort = port;
    }

    /** Closes every connection the proxy carries now; new ones are accepted as before. */
    public void dropAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /** Closes each new connection at once until {@code duration} has passed. */
    public void refuseFor(Duration duration) {
        refusingUntil.set(Instant.now().plus(duration).toEpochMilli());
    }

    /** Hides these capabilities from every CAPABILITY answer from now on (names as the server spells them). */
    public void stripCapabilities(String... names) {
        for (String name : names) {
            stripped.add(name.toUpperCase(Locale.ROOT));
        }
    }

    /** Answers {@code NO} to the next {@code count} MOVE or UID MOVE commands instead of passing them on. */
    public void refuseMoves(int count) {
        movesToRefuse.set(count);
    }

    /** MOVE commands still to be refused. */
    public int movesStillRefused() {
        return Math.max(0, movesToRefuse.get());
    }

    /** Connections accepted since the start, refused ones included. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int open() {
        return sockets.size();
    }

    /** Back to passing everything through: no capability hidden, no MOVE refused, no connection refused. */
    public void clearFaults() {
        stripped.clear();
        movesToRefuse.set(0);
        refusingUntil.set(0);
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropAll();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            if (System.currentTimeMillis() < refusingUntil.get()) {
                closeQuietly(client);
                continue;
            }
            Thread thread = new Thread(() -> connect(client), "imap-fault-proxy-connection");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void connect(Socket client) {
        Socket backend;
        try {
            backend = new Socket(backendHost, backendPort);
            backend.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        // Only the client side is dropped: the proxy then says LOGOUT to the server, as GreenMail's handler of a
        // connection closed under it would otherwise spin on the end of its stream for the rest of the run.
        sockets.add(client);
        Thread up = new Thread(() -> pump(client, backend, true), "imap-fault-proxy-up");
        up.setDaemon(true);
        up.start();
        pump(backend, client, false);
    }

    /** Passes lines (and the literals they announce) from one side to the other until either side closes. */
    private void pump(Socket from, Socket to, boolean fromClient) {
        try (InputStream in = new BufferedInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            try {
                relay(in, out, fromClient ? from.getOutputStream() : null, fromClient);
            } finally {
                logOut(fromClient ? out : from.getOutputStream());
            }
        } catch (IOException e) {
            // One side went: the other goes too.
        } finally {
            sockets.remove(from);
            sockets.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Ends the server's session; once is enough, a second LOGOUT (or one on a closed socket) changes nothing. */
    private static void logOut(OutputStream server) {
        try {
            server.write("proxy-logout LOGOUT\r\n".getBytes(StandardCharsets.ISO_8859_1));
            server.flush();
        } catch (IOException e) {
            // The server has gone already.
        }
    }

    private void relay(InputStream in, OutputStream out, OutputStream back, boolean fromClient) throws IOException {
        while (true) {
            byte[] line = readLine(in);
            if (line == null) {
                return;
            }
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (fromClient) {
                Matcher move = MOVE.matcher(text);
                if (move.matches() && movesToRefuse.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    back.write((move.group(1) + " NO [CANNOT] MOVE refused for the test\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    back.flush();
                    continue;
                }
            } else if (!stripped.isEmpty() && isCapabilityAnswer(text)) {
                line = strip(text).getBytes(StandardCharsets.ISO_8859_1);
            }
            out.write(line);
            Matcher literal = LITERAL.matcher(text);
            if (literal.find()) {
                copy(in, out, Long.parseLong(literal.group(1)));
            }
            out.flush();
        }
    }

    private static boolean isCapabilityAnswer(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        return upper.startsWith("* CAPABILITY ") || upper.contains("[CAPABILITY ");
    }

    private String strip(String line) {
        String result = line;
        for (String name : stripped) {
            result = result.replaceAll("(?i)(?<= )" + Pattern.quote(name) + "(?=[ \\]\\r\\n])", "");
        }
        return result.replaceAll(" {2,}", " ").replace(" ]", "]").replace(" \r\n", "\r\n");
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("closed within a literal");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
