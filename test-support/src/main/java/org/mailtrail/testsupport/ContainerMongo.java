package org.mailtrail.testsupport;

import org.testcontainers.mongodb.MongoDBContainer;

/** A real single-node MongoDB replica set, where a Docker engine answers. */
final class ContainerMongo implements MongoInfrastructure {

    static final String IMAGE = "mongo:8";

    private final MongoDBContainer container;

    private ContainerMongo(MongoDBContainer container) {
        this.container = container;
    }

    static ContainerMongo start() {
        MongoDBContainer container = new MongoDBContainer(IMAGE);
        container.start();
        return new ContainerMongo(container);
    }

    @Override
    public Backend backend() {
        return Backend.TESTCONTAINERS;
    }

    @Override
    public String uri(String database) {
        return container.getReplicaSetUrl(database);
    }

    @Override
    public void close() {
        container.stop();
    }
}
