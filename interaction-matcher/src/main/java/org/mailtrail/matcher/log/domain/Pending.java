package org.mailtrail.matcher.log.domain;

/**
 * An event a stored document still owes its subscribers. A change to the log stores its pending
 * event in the same document write; the event is published from the document and the mark
 * removed only after the broker confirmed it. A crash in between leaves the mark, and the next
 * delivery of the same input publishes the event again, with the same id.
 */
public enum Pending {
    /** InteractionLogged, on an interaction. */
    LOGGED,
    /** InteractionMessageLinkChanged, on an interaction. */
    LINK,
    /** InteractionLinkedToOpportunity, on an interaction. */
    OPPORTUNITY,
    /** MailDispositionRequested, on a message. */
    DISPOSITION
}
