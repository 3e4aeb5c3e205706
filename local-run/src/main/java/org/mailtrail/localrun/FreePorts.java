package org.mailtrail.localrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a stack starts, below the kernel's ephemeral range. Port 0 would hand out a port of that
 * range, which the kernel also gives to outgoing connections: between the test picking it and the process binding it,
 * a connection to Kafka or MongoDB may take it. Below the range only a listener takes a port, so a port found free by
 * binding it stays free. Every port is handed out once per JVM, so that two stacks in one JVM never share one; the
 * search starts at a random port, so that two JVMs seldom try the same ones.
 */
final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start of the ephemeral range, for a system that does not say. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int FEWEST = 1_000;

    private final int first;
    private final int last;
    private final Set<Integer> handedOut = new HashSet<>();
    private int cursor;

    FreePorts(int first, int last) {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("ports " + first + "-" + last + " are no range of unprivileged ports");
        }
        this.first = first;
        this.last = last;
        this.cursor = ThreadLocalRandom.current().nextInt(first, last + 1);
    }

    /** The JVM's ports, below the ephemeral range of this system. */
    static FreePorts jvmWide() {
        return Jvm.PORTS;
    }

    /** Holds the JVM's ports, so that a system whose range cannot be read fails only the stacks on free ports. */
    private static final class Jvm {
        static final FreePorts PORTS = belowEphemeralRange(ephemeralStart(EPHEMERAL_RANGE));
    }

    /** Up to 12,000 ports from 20000, ending below {@code ephemeralStart}; at least 1,000 of them. */
    static FreePorts belowEphemeralRange(int ephemeralStart) {
        int last = Math.min(HIGHEST, ephemeralStart - 1);
        int first = Math.max(1024, Math.min(LOWEST, last - 2 * FEWEST + 1));
        if (last - first + 1 < FEWEST) {
            throw new IllegalStateException("the ephemeral port range starts at " + ephemeralStart
                    + ": below it are fewer than " + FEWEST + " unprivileged ports for the stack's processes");
        }
        return new FreePorts(first, last);
    }

    /** The first port of the ephemeral range as {@code /proc/sys/net/ipv4/ip_local_port_range} gives it. */
    static int ephemeralStart(Path rangeFile) {
        String range;
        // A line at a time: procfs gives its files a size of 0, and a read of the whole file came back cut short.
        try (BufferedReader reader = Files.newBufferedReader(rangeFile)) {
            String line = reader.readLine();
            range = line == null ? "" : line.strip();
        } catch (NoSuchFileException e) {
            return DEFAULT_EPHEMERAL_START;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + rangeFile, e);
        }
        String[] bounds = range.split("\\s+");
        try {
            if (bounds.length == 2) {
                int start = Integer.parseInt(bounds[0]);
                if (start > 0 && start <= Integer.parseInt(bounds[1])) {
                    return start;
                }
            }
        } catch (NumberFormatException e) {
            // Reported below with the rest of what is not a range.
        }
        throw new IllegalStateException(rangeFile + " holds \"" + range + "\", not a range of ports \"first last\"");
    }

    int first() {
        return first;
    }

    int last() {
        return last;
    }

    /** A port no one listens on and this JVM has not handed out before. */
    synchronized int next() {
        int size = last - first + 1;
        for (int tried = 0; tried < size; tried++) {
            int port = cursor;
            cursor = cursor == last ? first : cursor + 1;
            if (!handedOut.contains(port) && bindable(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port left between " + first + " and " + last);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
