package org.mailtrail.ingestor.imap.domain;

/** An IMAP server that could not be reached, or that closed the connection. */
public class ImapUnavailableException extends RuntimeException {

    public ImapUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
