package org.mailtrail.testsupport;

/** A MongoDB-protocol server for tests: where it came from and how to reach one of its databases. */
public interface MongoInfrastructure extends AutoCloseable {

    Backend backend();

    /** A connection string that selects the given database. */
    String uri(String database);

    @Override
    void close();
}
