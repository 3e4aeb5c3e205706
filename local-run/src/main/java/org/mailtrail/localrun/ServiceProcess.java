package org.mailtrail.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of one of mailtrail's services, run from its Boot jar, ready once its readiness probe says UP. It
 * keeps its port and its log across restarts.
 */
final class ServiceProcess {

    private final String name;
    private final int port;
    private final ManagedProcess process;

    /**
     * @param instance the instance's number, from 1; the first logs to {@code <service>.log} as a stack of one
     *        instance per service always did, the others to {@code <service>-<instance>.log}
     * @param quickStart stop the JIT at C1: a faster start, slower code
     */
    ServiceProcess(Path root, String service, int instance, int port, Map<String, String> environment, Path logs,
            boolean quickStart) {
        this.name = instance == 1 ? service : service + "-" + instance;
        this.port = port;
        Path jar = root.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -B -DskipTests package)");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("MAILTRAIL_PORT", String.valueOf(port));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC"));
        if (quickStart) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-jar", jar.toString()));
        this.process = new ManagedProcess(name, command, env, logs.resolve(name + ".log"));
    }

    ServiceProcess start() {
        process.start();
        return this;
    }

    ServiceProcess awaitReady(Http http, Duration timeout) {
        process.awaitPort(port, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response readiness = http.get(url() + "/actuator/health/readiness", null);
            if (readiness.ok()) {
                return this;
            }
            if (!process.isAlive()) {
                break;
            }
            ManagedProcess.pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " did not become ready within " + timeout + "; see " + process.log());
    }

    /** The instance's own address, not the service's (see {@link ServiceInstances#url()}). */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    ManagedProcess process() {
        return process;
    }
}
