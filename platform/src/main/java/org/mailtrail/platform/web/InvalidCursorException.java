package org.mailtrail.platform.web;

/** A paging cursor this service did not issue. */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String token) {
        super("not a cursor this service issued: " + token);
    }
}
