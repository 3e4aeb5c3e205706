package org.mailtrail.ingestor.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The last check before a request goes on the wire, as a network interceptor: after the token was fetched and the
 * connection opened, both of which take time after the mailbox's gate admitted the request. A Retry-After that
 * another request of the same mailbox received meanwhile is waited out here, so no request is sent once the
 * ingestor knows Graph asked it to wait. A wait longer than {@link #LONGEST_WAIT} would eat the call's timeout;
 * such a request is given up with an error instead, and its flow tries again through the gate.
 */
final class RetryAfterAtSend implements Interceptor {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    @Override
    public Response intercept(Chain chain) throws IOException {
        MailboxGate gate = MailboxGate.sending();
        if (gate != null) {
            Duration wait = gate.heldBackFor();
            if (wait.compareTo(LONGEST_WAIT) > 0) {
                throw new IOException("not sent: " + gate.mailbox() + " is held back by a Retry-After for " + wait);
            }
            try {
                gate.awaitRetryAfterNow();
            } catch (GraphInterruptedException e) {
                throw new InterruptedIOException("interrupted while " + gate.mailbox() + " was held back");
            }
        }
        return chain.proceed(chain.request());
    }
}
