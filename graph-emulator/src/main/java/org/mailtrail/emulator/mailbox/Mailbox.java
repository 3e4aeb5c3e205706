package org.mailtrail.emulator.mailbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mailbox (a user in Graph's terms). Its state is guarded by the mailbox object's own lock, which
 * {@link MailboxService} takes around every operation; the methods here assume it is held.
 */
public final class Mailbox {

    /** Where soft-deleted messages go: Exchange's Recoverable Items (Deletions), outside the visible folders. */
    static final String RECOVERABLE_ITEMS = "recoverableitemsdeletions";

    /** The folders every Exchange mailbox has, by well-known name, with their English display names. */
    static final Map<String, String> WELL_KNOWN = wellKnown();

    /** What happened to a message in a folder, in the order it happened. */
    enum Kind {
        ADDED, UPDATED, REMOVED
    }

    /**
     * One change to a folder's contents, numbered in mailbox order; delta rounds are read from these.
     *
     * @param regularId the regular id the message had in this folder, which is what a client holds for it
     */
    record ChangeEvent(long seq, String folderId, String immutableId, Kind kind, String regularId) {
    }

    private final String id;
    private final String address;
    private final String displayName;
    private final String tenantId;
    private final byte[] seed = Ids.seed();
    private final Map<String, MailFolder> folders = new LinkedHashMap<>();
    private final Map<String, MailFolder> wellKnownFolders = new LinkedHashMap<>();
    private final Map<String, StoredMessage> byImmutableId = new LinkedHashMap<>();
    private final Map<String, StoredMessage> byRegularId = new LinkedHashMap<>();
    /** Soft-deleted messages, by immutable id: out of every folder Graph shows, kept for recovery. */
    private final Map<String, StoredMessage> recoverable = new LinkedHashMap<>();
    private final List<ChangeEvent> events = new ArrayList<>();
    private long sequence;
    private long idSequence;

    Mailbox(String id, String address, String displayName, String tenantId) {
        this.id = id;
        this.address = address.toLowerCase(Locale.ROOT);
        this.displayName = displayName == null ? address : displayName;
        this.tenantId = tenantId;
        MailFolder root = new MailFolder(Ids.folderId(seed, ++idSequence), "Top of Information Store", null,
                "msgfolderroot", false);
        addFolder(root);
        WELL_KNOWN.forEach((name, display) -> addFolder(new MailFolder(Ids.folderId(seed, ++idSequence), display,
                root.id(), name, false)));
    }

    private static Map<String, String> wellKnown() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("inbox", "Inbox");
        names.put("archive", "Archive");
        names.put("deleteditems", "Deleted Items");
        names.put("junkemail", "Junk Email");
        names.put("sentitems", "Sent Items");
        names.put("drafts", "Drafts");
        names.put("outbox", "Outbox");
        return Collections.unmodifiableMap(names);
    }

    public String id() {
        return id;
    }

    public String address() {
        return address;
    }

    public String displayName() {
        return displayName;
    }

    public String tenantId() {
        return tenantId;
    }

    byte[] seed() {
        return seed;
    }

    MailFolder root() {
        return wellKnownFolders.get("msgfolderroot");
    }

    /** By id or by well-known name (any case), as Graph accepts either in a path. */
    MailFolder folder(String idOrWellKnownName) {
        if (idOrWellKnownName == null) {
            return null;
        }
        MailFolder folder = folders.get(idOrWellKnownName);
        return folder != null ? folder : wellKnownFolders.get(idOrWellKnownName.toLowerCase(Locale.ROOT));
    }

    List<MailFolder> folders() {
        return List.copyOf(folders.values());
    }

    List<MailFolder> children(MailFolder parent) {
        return folders.values().stream().filter(f -> parent.id().equals(f.parentId())).toList();
    }

    MailFolder createFolder(MailFolder parent, String name, boolean hidden) {
        MailFolder folder = new MailFolder(Ids.folderId(seed, ++idSequence), name, parent.id(), null, hidden);
        addFolder(folder);
        return folder;
    }

    private void addFolder(MailFolder folder) {
        folders.put(folder.id(), folder);
        if (folder.wellKnownName() != null) {
            wellKnownFolders.put(folder.wellKnownName(), folder);
        }
    }

    /** By regular id (only the current one) or immutable id. */
    StoredMessage message(String id) {
        StoredMessage message = byRegularId.get(id);
        return message != null ? message : byImmutableId.get(id);
    }

    StoredMessage messageByImmutableId(String immutableId) {
        return byImmutableId.get(immutableId);
    }

    List<StoredMessage> messages() {
        return List.copyOf(byImmutableId.values());
    }

    List<StoredMessage> messagesIn(MailFolder folder) {
        return byImmutableId.values().stream().filter(m -> m.folderId.equals(folder.id())).toList();
    }

    String newImmutableId() {
        return Ids.immutableMessageId(seed, ++idSequence);
    }

    void add(StoredMessage message, MailFolder folder, Instant now) {
        message.folderId = folder.id();
        message.regularId = Ids.regularMessageId(seed, ++idSequence);
        message.changeKey = Ids.changeKey();
        message.lastModifiedAt = now;
        byImmutableId.put(message.immutableId, message);
        byRegularId.put(message.regularId, message);
        record(folder.id(), message, Kind.ADDED);
    }

    /** A move gives the message a new regular id (and changeKey), as Exchange does; its immutable id stays. */
    void move(StoredMessage message, MailFolder destination, Instant now) {
        record(message.folderId, message, Kind.REMOVED);
        byRegularId.remove(message.regularId);
        message.folderId = destination.id();
        message.regularId = Ids.regularMessageId(seed, ++idSequence);
        message.changeKey = Ids.changeKey();
        message.lastModifiedAt = now;
        byRegularId.put(message.regularId, message);
        record(destination.id(), message, Kind.ADDED);
    }

    void touch(StoredMessage message, Instant now) {
        message.changeKey = Ids.changeKey();
        message.lastModifiedAt = now;
        record(message.folderId, message, Kind.UPDATED);
    }

    /**
     * Soft-deletes: the message leaves its folder (and with it every view Graph gives of the mailbox) for the
     * Recoverable Items folder, which is outside the folders Graph lists.
     */
    void softDelete(StoredMessage message) {
        remove(message);
        message.folderId = RECOVERABLE_ITEMS;
        recoverable.put(message.immutableId, message);
    }

    List<StoredMessage> recoverableMessages() {
        return List.copyOf(recoverable.values());
    }

    StoredMessage recoverableMessage(String immutableId) {
        return recoverable.get(immutableId);
    }

    void remove(StoredMessage message) {
        record(message.folderId, message, Kind.REMOVED);
        byRegularId.remove(message.regularId);
        byImmutableId.remove(message.immutableId);
    }

    long sequence() {
        return sequence;
    }

    /** Changes to a folder numbered above {@code afterSeq}. */
    List<ChangeEvent> eventsAfter(String folderId, long afterSeq) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (events.get(mid).seq() <= afterSeq) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        List<ChangeEvent> found = new ArrayList<>();
        for (int i = low; i < events.size(); i++) {
            if (events.get(i).folderId().equals(folderId)) {
                found.add(events.get(i));
            }
        }
        return found;
    }

    private void record(String folderId, StoredMessage message, Kind kind) {
        events.add(new ChangeEvent(++sequence, folderId, message.immutableId, kind, message.regularId));
    }
}
