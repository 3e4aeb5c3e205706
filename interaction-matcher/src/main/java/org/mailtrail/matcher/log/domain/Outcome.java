package org.mailtrail.matcher.log.domain;

/** What the rules made of a mail. */
public enum Outcome {
    LOGGED,
    EXCLUDED
}
