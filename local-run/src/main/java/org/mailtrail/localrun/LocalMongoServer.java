package org.mailtrail.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB-protocol server of the local run: mongo-java-server with its data in an H2 file,
 * so a second run finds the first run's data; or in memory, for the benchmark and the chaos suite
 * (about 2.5 times faster on this kind of work, and gone at exit). Usage: {@code LocalMongoServer <port> <data-dir>}
 * or {@code LocalMongoServer <port> --in-memory}.
 */
public final class LocalMongoServer {

    static final String IN_MEMORY = "--in-memory";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean inMemory = args[1].equals(IN_MEMORY);
        MongoBackend backend;
        if (inMemory) {
            backend = new MemoryBackend();
        } else {
            Files.createDirectories(Path.of(args[1]));
            backend = new H2Backend(Path.of(args[1]).resolve("mongo.mv").toString());
        }
        MongoServer server = new MongoServer(backend);
        server.enableOplog();
        server.bind("127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Closing the backend commits H2's last changes to the file.
            server.shutdown();
            backend.close();
            stopped.countDown();
        }, "mongo-stop"));
        System.out.println("mongo-java-server (" + (inMemory ? "in memory" : "H2 at " + args[1])
                + ") listening on 127.0.0.1:" + port);
        stopped.await();
    }

    private LocalMongoServer() {
    }
}
