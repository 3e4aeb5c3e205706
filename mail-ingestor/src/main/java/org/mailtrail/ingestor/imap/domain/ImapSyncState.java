package org.mailtrail.ingestor.imap.domain;

/**
 * Where a connection's IMAP sync stands.
 *
 * @param server the server and account it belongs to ({@code host:port|username}); another one starts afresh
 * @param folder the source folder it belongs to
 * @param uidValidity the folder's UIDVALIDITY when {@code lastUid} was read; another one means a resync
 * @param lastUid the highest UID published
 * @param highestModSeq the folder's HIGHESTMODSEQ where the server offers CONDSTORE, else 0
 */
public record ImapSyncState(String server, String folder, long uidValidity, long lastUid, long highestModSeq) {
}
