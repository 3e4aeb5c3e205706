package org.mailtrail.matcher.interactionlog.domain;

/** Business Central's words for an interaction whose mail could not be archived. */
public final class LinkNotes {

    /** Business Central's comment line on such an interaction log entry. */
    public static final String NO_LINK = "There is no link to the email because the email could not be moved.";

    private LinkNotes() {
    }
}
