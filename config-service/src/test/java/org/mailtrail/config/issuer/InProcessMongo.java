package org.mailtrail.config.issuer;

import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A MongoDB-protocol server in the test's own JVM, for store tests that need no Spring context. */
public final class InProcessMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;

    public InProcessMongo() {
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    public MongoTemplate template(String database) {
        return new MongoTemplate(client, database);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
