package org.mailtrail.config.connection.web;

/** A body field that contradicts the path. */
class PathMismatchException extends RuntimeException {

    private final String field;

    PathMismatchException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
