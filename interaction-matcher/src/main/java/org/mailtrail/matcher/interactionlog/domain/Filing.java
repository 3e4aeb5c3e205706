package org.mailtrail.matcher.interactionlog.domain;

/**
 * Where a mail stands in the mailbox as far as the matcher has heard, and the link that opens it.
 *
 * @param stateReason what the ingestor gave as the reason, e.g. of a failed disposition
 * @param folder the folder the mail was moved to
 * @param webLink the link that opens the mail: the Inbox one at first, the archived one after the move
 * @param linkNote why no link exists, after an archive that failed
 */
public record Filing(MailState state, String stateReason, String folder, String webLink, String linkNote) {

    /** A mail just decided, still where it arrived. */
    public static Filing decided(MailDecision decision, String inboxLink) {
        return new Filing(decision.initialState(), null, null, inboxLink, null);
    }
}
