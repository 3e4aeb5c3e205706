package org.mailtrail.config.consent.domain;

/** A consent that cannot start or did not complete; {@code field} names the request part at fault. */
public class ConsentException extends RuntimeException {

    private final int status;
    private final String field;

    public ConsentException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
