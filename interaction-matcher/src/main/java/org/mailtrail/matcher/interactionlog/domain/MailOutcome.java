package org.mailtrail.matcher.interactionlog.domain;

/**
 * What the rules made of a mail: it made interactions, a rule kept it out of the log, or a rule kept it out for now
 * and the mail is held until the directory learns its participants or the connection's retention ends.
 */
public enum MailOutcome {
    LOGGED,
    EXCLUDED,
    HELD
}
