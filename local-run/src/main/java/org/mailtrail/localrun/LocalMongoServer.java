package org.mailtrail.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB-protocol server of the local run: mongo-java-server with its data in an H2 file,
 * so a second run finds the first run's data. Usage: {@code LocalMongoServer <port> <data-dir>}.
 */
public final class LocalMongoServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]);
        Files.createDirectories(data);
        H2Backend backend = new H2Backend(data.resolve("mongo.mv").toString());
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
        System.out.println("mongo-java-server (H2 at " + data + ") listening on 127.0.0.1:" + port);
        stopped.await();
    }

    private LocalMongoServer() {
    }
}
