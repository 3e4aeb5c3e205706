package org.mailtrail.events.config;

/** Where a connection reads its mailbox from. */
public enum ConnectionKind {
    /** Exchange Online through Microsoft Graph: change notifications, delta queries, {@code $batch} moves. */
    GRAPH,
    /** Any IMAP4rev1 server (Exchange Server, Exchange Online's IMAP, others): IDLE, UID sync, MOVE. */
    IMAP
}
