package org.mailtrail.localrun.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Samples each process while the run goes on: resident set (VmRSS) and its peak (VmHWM) from
 * {@code /proc/<pid>/status}, for mailtrail's services the heap in use from their Prometheus endpoint
 * ({@code jvm_memory_used_bytes{area="heap"}}, summed over the pools), and the CPU time each used between the
 * first and the last sample, which shows where the machine's cores went. Keeps the maximum of each figure.
 */
final class ProcessSampler {

    /**
     * One process to watch.
     *
     * @param serviceUrl where its actuator is, or null
     * @param heap       how to read its heap in-process (this JVM), or null
     */
    record Watched(String name, long pid, String serviceUrl, LongSupplier heap) {
    }

    /**
     * The maxima seen, in MiB; {@code maxHeapUsedMb} is -1 where the heap could not be read.
     *
     * @param cpuSeconds CPU time (user and system) the process used between the first and the last sample
     */
    record Figures(String process, long pid, double maxRssMb, double peakRssMb, double maxHeapUsedMb,
            double cpuSeconds, int samples) {
    }

    private static final class Maxima {
        long rssKb;
        long hwmKb;
        long heapBytes = -1;
        Duration firstCpu;
        Duration lastCpu;
        int samples;
    }

    private final List<Watched> watched;
    private final Map<String, Maxima> maxima = new LinkedHashMap<>();
    private final Prometheus prometheus;

    ProcessSampler(List<Watched> watched, Prometheus prometheus) {
        this.watched = List.copyOf(watched);
        this.prometheus = prometheus;
        watched.forEach(process -> maxima.put(process.name(), new Maxima()));
    }

    /** Takes one sample of every process; a process that cannot be read this time is skipped. */
    synchronized void sample() {
        for (Watched process : watched) {
            Maxima max = maxima.get(process.name());
            Map<String, Long> status = status(process.pid());
            if (status.isEmpty()) {
                continue;
            }
            max.samples++;
            ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().totalCpuDuration()).ifPresent(cpu -> {
                max.firstCpu = max.firstCpu == null ? cpu : max.firstCpu;
                max.lastCpu = cpu;
            });
            max.rssKb = Math.max(max.rssKb, status.getOrDefault("VmRSS", 0L));
            max.hwmKb = Math.max(max.hwmKb, status.getOrDefault("VmHWM", 0L));
            OptionalLong heap = process.heap() != null ? OptionalLong.of(process.heap().getAsLong())
                    : process.serviceUrl() == null ? OptionalLong.empty()
                    : prometheus.scrape(process.serviceUrl()).map(scrape -> OptionalLong.of(heapUsedIn(scrape)))
                            .orElse(OptionalLong.empty());
            heap.ifPresent(bytes -> max.heapBytes = Math.max(max.heapBytes, bytes));
        }
    }

    synchronized List<Figures> figures() {
        List<Figures> figures = new ArrayList<>();
        for (Watched process : watched) {
            Maxima max = maxima.get(process.name());
            double cpu = max.firstCpu == null ? 0 : max.lastCpu.minus(max.firstCpu).toMillis() / 1000.0;
            figures.add(new Figures(process.name(), process.pid(), mb(max.rssKb * 1024), mb(max.hwmKb * 1024),
                    max.heapBytes < 0 ? -1 : mb(max.heapBytes), cpu, max.samples));
        }
        return figures;
    }

    /** The kB figures of {@code /proc/<pid>/status}; empty when the process is gone or this is not Linux. */
    static Map<String, Long> status(long pid) {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    values.put(line.substring(0, line.indexOf(':')), Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
        return values;
    }

    static long heapUsedIn(String scrape) {
        return (long) Prometheus.sum(scrape, "jvm_memory_used_bytes", "area=\"heap\"");
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }
}
