package org.mailtrail.matcher.interactionlog.domain;

/** What the rules made of a mail: it made interactions, or a rule kept it out of the log. */
public enum MailOutcome {
    LOGGED,
    EXCLUDED
}
