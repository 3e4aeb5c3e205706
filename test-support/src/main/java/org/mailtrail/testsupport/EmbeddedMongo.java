package org.mailtrail.testsupport;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * mongo-java-server over TCP on 127.0.0.1, with its oplog on so change streams work. It has no
 * transactions, no {@code $text}, no TTL expiry and no {@code hello}: code under test must not need them.
 */
final class EmbeddedMongo implements MongoInfrastructure {

    private final MongoServer server;
    private final String hostAndPort;

    private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.hostAndPort = address.getHostString() + ":" + address.getPort();
    }

    static EmbeddedMongo start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.enableOplog();
        server.bind("127.0.0.1", 0);
        return new EmbeddedMongo(server, server.getLocalAddress());
    }

    @Override
    public Backend backend() {
        return Backend.EMBEDDED;
    }

    @Override
    public String uri(String database) {
        return "mongodb://" + hostAndPort + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
