package org.mailtrail.testsupport;

/** A MongoDB server somebody else runs; closing it is not ours to do. */
record ExternalMongo(String baseUri) implements MongoInfrastructure {

    @Override
    public Backend backend() {
        return Backend.ENVIRONMENT;
    }

    @Override
    public String uri(String database) {
        return MongoUris.withDatabase(baseUri, database);
    }

    @Override
    public void close() {
    }
}
