package org.mailtrail.matcher.directory.web;

/** A request with more rows than one import takes. */
class TooManyRowsException extends RuntimeException {

    TooManyRowsException(int maxRows) {
        super("at most " + maxRows + " rows per request; split the import");
    }
}
