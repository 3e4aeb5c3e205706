package org.mailtrail.matcher.directory.web;

/** The request body as a whole cannot be read as rows: not a JSON array, broken syntax, a CSV header without a required column. */
class UnreadableImportException extends RuntimeException {

    private final int line;

    UnreadableImportException(String message, int line) {
        super(message);
        this.line = line;
    }

    int line() {
        return line;
    }
}
