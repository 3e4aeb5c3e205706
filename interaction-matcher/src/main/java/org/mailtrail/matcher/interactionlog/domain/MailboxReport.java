package org.mailtrail.matcher.interactionlog.domain;

/**
 * What the ingestor reported doing with a mail ({@code mail.archived.v1}), as it changes the mail's
 * {@link Filing}.
 *
 * @param webLink the new link; absent when none exists
 * @param linkNote why no link exists, where Business Central's note applies
 * @param folder the folder the mail is in now, when it moved
 * @param immutableId the mail's immutable id, when reported
 * @param messageId the mail's new Graph id, when it moved
 */
public record MailboxReport(MailState state, String reason, String webLink, String linkNote, String folder,
        String immutableId, String messageId) {

    public static MailboxReport archived(String webLink, String folder, String immutableId, String messageId) {
        return new MailboxReport(MailState.ARCHIVED, null, webLink, null, folder, immutableId, messageId);
    }

    /** Moved to the connection's hold folder; its link opens it there. */
    public static MailboxReport held(String webLink, String folder, String immutableId, String messageId) {
        return new MailboxReport(MailState.HELD, null, webLink, null, folder, immutableId, messageId);
    }

    /** A logged mail is only ever deleted because archiving it failed: Business Central's note applies. */
    public static MailboxReport deleted(String reason, String immutableId, boolean wasLogged) {
        return new MailboxReport(MailState.DELETED, reason, null, wasLogged ? LinkNotes.NO_LINK : null, null,
                immutableId, null);
    }

    /** The disposition failed; a failed archive means the mail has no archived link. */
    public static MailboxReport failed(String reason, String immutableId, boolean archiveFailed) {
        return new MailboxReport(MailState.FAILED, reason, null, archiveFailed ? LinkNotes.NO_LINK : null, null,
                immutableId, null);
    }

    /** Whether the mail's link is replaced: a mail whose disposition failed did not move and keeps the link it had. */
    public boolean replacesLink() {
        return webLink != null || state != MailState.FAILED;
    }
}
