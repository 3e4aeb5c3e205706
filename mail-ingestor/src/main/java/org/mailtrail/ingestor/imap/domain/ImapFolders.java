package org.mailtrail.ingestor.imap.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;

/**
 * Finds the folders of a mailbox by the names a connection gives: as written, else the one folder whose name differs
 * only in case (a connection made for Graph says {@code archive}, an Exchange Server calls it {@code Archive});
 * {@code inbox} is always the INBOX. Finds the folder deleted mail goes to, and makes a missing hold folder.
 */
final class ImapFolders {

    static final String DELETED_ITEMS = "Deleted Items";
    static final String TRASH = "Trash";

    private ImapFolders() {
    }

    static Optional<IMAPFolder> find(IMAPStore store, String name) throws MessagingException {
        IMAPFolder exact = (IMAPFolder) store.getFolder(name);
        if (exact.exists()) {
            return Optional.of(exact);
        }
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if (folder.getFullName().equalsIgnoreCase(name)) {
                return Optional.of((IMAPFolder) folder);
            }
        }
        return Optional.empty();
    }

    /** The folder, made when the mailbox has none (a hold folder, the Trash). */
    static IMAPFolder findOrCreate(IMAPStore store, String name) throws MessagingException {
        Optional<IMAPFolder> found = find(store, name);
        if (found.isPresent()) {
            return found.get();
        }
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        if (!folder.create(Folder.HOLDS_MESSAGES) && !folder.exists()) {
            throw new MessagingException("the server refused to create folder '" + name + "'");
        }
        return folder;
    }

    /**
     * Where users find deleted mail: the folder marked {@code \Trash} (RFC 6154), else one named "Deleted Items"
     * (Exchange), else "Trash", made when there is none.
     */
    static IMAPFolder trash(IMAPStore store) throws MessagingException {
        for (Folder folder : store.getDefaultFolder().list("*")) {
            List<String> attributes = Arrays.asList(((IMAPFolder) folder).getAttributes());
            if (attributes.stream().anyMatch(a -> a.equalsIgnoreCase("\\Trash"))) {
                return (IMAPFolder) folder;
            }
        }
        Optional<IMAPFolder> deletedItems = find(store, DELETED_ITEMS);
        return deletedItems.isPresent() ? deletedItems.get() : findOrCreate(store, TRASH);
    }
}
