package org.mailtrail.testsupport;

/** Where a piece of test infrastructure comes from, in the order they are tried. */
public enum Backend {
    /** An address given in the environment: a broker or server started by a script or by compose. */
    ENVIRONMENT,
    /** A container started through Testcontainers, when a Docker engine answers. */
    TESTCONTAINERS,
    /** Started inside the test JVM: a real Kafka broker in KRaft mode, or mongo-java-server. */
    EMBEDDED
}
