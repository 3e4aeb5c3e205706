package org.mailtrail.emulator.mailbox;

/**
 * A change to one folder's contents, published after the mailbox operation completed. A move is two changes:
 * {@code DELETED} in the source folder and {@code CREATED} in the destination, both with {@code move} set.
 *
 * @param id          the message's regular id after the change (before it, for {@code DELETED})
 * @param immutableId the message's immutable id
 */
public record MessageChange(Mailbox mailbox, Type type, String folderId, boolean move, String id, String immutableId,
                            String changeKey) {

    /** Graph's change types. */
    public enum Type {
        CREATED, UPDATED, DELETED
    }
}
