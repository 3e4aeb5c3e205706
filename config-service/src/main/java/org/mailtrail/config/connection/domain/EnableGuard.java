package org.mailtrail.config.connection.domain;

/**
 * Decides whether a connection may be switched on: the setup checks must pass. Implementations throw an
 * exception that carries the failing checks when it may not.
 */
public interface EnableGuard {

    void ensureCanEnable(Connection candidate);
}
