package org.mailtrail.console.completeness;

import java.util.List;

import org.mailtrail.console.services.ConnectionLedger;
import org.mailtrail.console.services.FailedMail;
import org.mailtrail.platform.web.Page;

/**
 * One connection's ledger as the page shows it, with the page of failed mails it shows and its part for matching
 * held mail again.
 *
 * @param ledger absent when only the connection's failed mails, or only its part for matching again, are shown
 * @param failures absent when the ledger counts no failure, so none were asked for
 * @param cursor where the failed mails shown start; absent for the latest
 * @param rematch absent for mail of no known connection, which nothing can be matched again for
 */
record ConnectionView(String connectionId, ConnectionLedger ledger, Page<FailedMail> failures, String cursor,
        RematchPart rematch) {

    /** The connection of mail the matcher could tell no connection of. */
    static final String UNKNOWN = "(unknown)";

    /** The part of element ids that names a connection: its id with anything but letters, digits, - and _ as -. */
    static String key(String connectionId) {
        return connectionId.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    public String key() {
        return key(connectionId);
    }

    public List<FailedMail> failedMails() {
        return failures == null ? List.of() : failures.items();
    }

    public String olderCursor() {
        return failures == null ? null : failures.nextCursor();
    }

    public boolean continued() {
        return cursor != null;
    }
}
