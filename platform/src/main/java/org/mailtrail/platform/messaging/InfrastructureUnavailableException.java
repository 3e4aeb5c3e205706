package org.mailtrail.platform.messaging;

/**
 * Work that cannot go on until MongoDB or the broker is back, said by a service's own code rather than by a driver:
 * {@link OutageRetry#isOutage} counts it as an outage, so a consumer pauses and retries it instead of dead-lettering.
 */
public class InfrastructureUnavailableException extends RuntimeException {

    public InfrastructureUnavailableException(String message) {
        super(message);
    }

    public InfrastructureUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
