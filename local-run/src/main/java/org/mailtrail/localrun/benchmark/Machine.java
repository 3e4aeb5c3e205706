package org.mailtrail.localrun.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run was measured on, as the report states it: figures mean little without it.
 *
 * @param loadAverage {@code /proc/loadavg}'s 1, 5 and 15 minute averages when the run started (a shared machine)
 * @param gitCommit   the checked-out commit, with {@code (modified)} when tracked files differ from it
 */
record Machine(int cores, String cpu, double memoryGb, String os, String jdk, String loadAverage, String gitCommit) {

    static Machine describe(Path repository) {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpu(), readMemoryGb(), readOs(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                firstLine(Path.of("/proc/loadavg")).map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
                        .orElse("unknown"),
                gitCommit(repository));
    }

    private static String readCpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static double readMemoryGb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                    .findFirst().map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .map(kb -> Math.round(kb / 1024.0 / 1024.0 * 10) / 10.0).orElse(0.0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readOs() {
        String name = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(line -> line.startsWith("PRETTY_NAME="))
                    .findFirst().map(line -> line.substring(line.indexOf('=') + 1).replace("\"", "") + " (" + name + ")")
                    .orElse(name);
        } catch (IOException e) {
            return name;
        }
    }

    /** Read-only git commands; optional locks off so that not even the index's stat cache is written. */
    private static String gitCommit(Path repository) {
        String commit = git(repository, "rev-parse", "--short=12", "HEAD");
        if (commit == null) {
            return "unknown";
        }
        String changes = git(repository, "status", "--porcelain", "--untracked-files=no");
        return changes == null || changes.isBlank() ? commit : commit + " (modified)";
    }

    private static String git(Path repository, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
