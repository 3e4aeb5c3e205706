package org.mailtrail.config.connection.web;

/** A replace without If-Match: it could silently overwrite someone else's change, so it is refused (428). */
class MissingIfMatchException extends RuntimeException {

    MissingIfMatchException() {
        super("PUT needs an If-Match header with the ETag of the revision being replaced (GET the connection first)");
    }
}
