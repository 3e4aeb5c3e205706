package org.mailtrail.emulator.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation on mailboxes, for Graph's endpoints and for the control API alike. Each runs under its
 * mailbox's lock and renders its answer there, so a response never shows half an operation; listeners hear of
 * the changes after the lock is released.
 */
public final class MailboxService {

    /** How a response shows messages: which id form, and whether HTML bodies become text. */
    public record Render(boolean immutableIds, String bodyContentType) {
        public static final Render DEFAULT = new Render(false, null);
    }

    /** One delta request: a fresh round (no token), the next page of one, or the next round from a deltaLink. */
    public record DeltaQuery(String skipToken, String deltaToken, String select, String changeType, int pageSize,
                             Render render) {
    }

    /** One delta page: its items and either the token of the next page or the token of the next round. */
    public record DeltaPage(List<ObjectNode> value, String nextToken, String deltaToken) {
    }

    private final Clock clock;
    private final DeltaTokens deltaTokens = new DeltaTokens();
    private final Random order = new Random(7);
    private volatile DeltaQuirks quirks = DeltaQuirks.NONE;
    private final Map<String, Mailbox> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Mailbox> byId = new ConcurrentHashMap<>();
    private final List<MailboxListener> listeners = new CopyOnWriteArrayList<>();

    public MailboxService(Clock clock) {
        this.clock = clock;
    }

    public void addListener(MailboxListener listener) {
        listeners.add(listener);
    }

    /** The liberties delta rounds take from now on. */
    public void deltaQuirks(DeltaQuirks value) {
        quirks = value;
    }

    public DeltaTokens deltaTokens() {
        return deltaTokens;
    }

    /** Creates a mailbox, or returns the existing one of that address. */
    public Mailbox create(String tenantId, String address, String displayName, String id) {
        String key = address.toLowerCase(Locale.ROOT);
        return byAddress.computeIfAbsent(key, k -> {
            Mailbox mailbox = new Mailbox(id == null ? UUID.nameUUIDFromBytes(("mailbox:" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()
                    : id.toLowerCase(Locale.ROOT), k, displayName, tenantId);
            byId.put(mailbox.id(), mailbox);
            return mailbox;
        });
    }

    /** By object id or address (user principal name), without regard to case. */
    public Optional<Mailbox> find(String idOrAddress) {
        if (idOrAddress == null) {
            return Optional.empty();
        }
        String key = idOrAddress.toLowerCase(Locale.ROOT);
        Mailbox mailbox = byAddress.get(key);
        return Optional.ofNullable(mailbox != null ? mailbox : byId.get(key));
    }

    public Mailbox require(String idOrAddress) {
        return find(idOrAddress).orElseThrow(() -> new IllegalArgumentException("no mailbox " + idOrAddress));
    }

    public List<Mailbox> mailboxes() {
        return List.copyOf(byAddress.values());
    }

    public Optional<String> userId(String tenantId, String address) {
        return find(address).filter(m -> m.tenantId().equals(tenantId)).map(Mailbox::id);
    }

    // ---- the control side ----

    /** Delivers a mail the way the BCC mail-flow rule does: a received copy in the folder, inbox by default. */
    public MessageView deliver(Mailbox mailbox, Mail mail) {
        List<MessageChange> changes = new ArrayList<>();
        MessageView view;
        synchronized (mailbox) {
            MailFolder folder = folderForDelivery(mailbox, mail.folder() == null ? "inbox" : mail.folder());
            Instant now = clock.instant();
            StoredMessage message = new StoredMessage(mailbox.newImmutableId(), now);
            message.subject = mail.subject() == null ? "" : mail.subject();
            message.body = mail.body() == null ? "" : mail.body();
            message.bodyContentType = "html".equalsIgnoreCase(mail.bodyContentType()) ? "html" : "text";
            message.from = mail.from() != null ? mail.from() : mail.sender();
            message.sender = mail.sender() != null ? mail.sender() : message.from;
            message.toRecipients = mail.toRecipients();
            message.ccRecipients = mail.ccRecipients();
            message.bccRecipients = mail.bccRecipients();
            message.replyTo = mail.replyTo();
            message.receivedAt = (mail.receivedDateTime() != null ? mail.receivedDateTime() : now).truncatedTo(ChronoUnit.SECONDS);
            message.sentAt = mail.sentDateTime() != null ? mail.sentDateTime().truncatedTo(ChronoUnit.SECONDS)
                    : message.receivedAt.minusSeconds(2);
            message.internetMessageId = mail.internetMessageId() != null ? mail.internetMessageId()
                    : "<" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT) + "@"
                    + (message.from == null ? "emulator.invalid" : message.from.domain()) + ">";
            message.conversationId = mail.conversationId() != null ? mail.conversationId()
                    : Ids.conversationId(mailbox.seed(), message.subject);
            message.conversationIndex = Ids.conversationIndex();
            message.draft = Boolean.TRUE.equals(mail.isDraft());
            message.read = Boolean.TRUE.equals(mail.isRead());
            message.hasAttachments = Boolean.TRUE.equals(mail.hasAttachments());
            message.importance = mail.importance() == null ? "normal" : mail.importance().toLowerCase(Locale.ROOT);
            message.categories = new ArrayList<>(mail.categories());
            mailbox.add(message, folder, now);
            changes.add(change(mailbox, MessageChange.Type.CREATED, folder.id(), false, message));
            view = view(mailbox, message);
        }
        publish(changes);
        return view;
    }

    /**
     * Messages of a folder (id, well-known name or display-name path), or of the whole mailbox when {@code null}.
     * A folder the mailbox does not have holds nothing, so a test can wait for mail to appear in a folder that
     * the code under test has yet to make.
     */
    public List<MessageView> messages(Mailbox mailbox, String folder) {
        synchronized (mailbox) {
            List<StoredMessage> messages = folder == null ? mailbox.messages()
                    : folderByReference(mailbox, folder).map(mailbox::messagesIn).orElse(List.of());
            return messages.stream().map(m -> view(mailbox, m)).toList();
        }
    }

    public Optional<MessageView> message(Mailbox mailbox, String id) {
        synchronized (mailbox) {
            StoredMessage message = mailbox.message(id);
            if (message == null) {
                message = mailbox.recoverableMessage(id);
            }
            return Optional.ofNullable(message).map(m -> view(mailbox, m));
        }
    }

    /** Makes sure a folder path such as {@code "Customers/Key accounts"} exists under the root; answers its id. */
    public String ensureFolder(Mailbox mailbox, String path) {
        synchronized (mailbox) {
            MailFolder parent = mailbox.root();
            for (String name : path.split("/")) {
                if (name.isBlank()) {
                    continue;
                }
                MailFolder current = parent;
                parent = mailbox.children(current).stream().filter(f -> f.displayName().equalsIgnoreCase(name.trim()))
                        .findFirst().orElseGet(() -> mailbox.createFolder(current, name.trim(), false));
            }
            return parent.id();
        }
    }

    /** The id of a folder named by id or well-known name, if the mailbox has it. */
    public Optional<String> folderId(Mailbox mailbox, String ref) {
        synchronized (mailbox) {
            return Optional.ofNullable(mailbox.folder(ref)).map(MailFolder::id);
        }
    }

    // ---- Graph's side ----

    public ObjectNode user(Mailbox mailbox) {
        ObjectNode node = Json.object();
        node.putArray("businessPhones");
        node.put("displayName", mailbox.displayName());
        node.putNull("givenName");
        node.putNull("jobTitle");
        node.put("mail", mailbox.address());
        node.putNull("mobilePhone");
        node.putNull("officeLocation");
        node.putNull("preferredLanguage");
        node.putNull("surname");
        node.put("userPrincipalName", mailbox.address());
        node.put("id", mailbox.id());
        return node;
    }

    public List<ObjectNode> folders(Mailbox mailbox, String parentRef, boolean includeHidden) {
        synchronized (mailbox) {
            MailFolder parent = parentRef == null ? mailbox.root() : requireFolder(mailbox, parentRef);
            return mailbox.children(parent).stream()
                    .filter(f -> includeHidden || !f.hidden())
                    .map(f -> folderJson(mailbox, f))
                    .toList();
        }
    }

    public ObjectNode folder(Mailbox mailbox, String ref) {
        synchronized (mailbox) {
            return folderJson(mailbox, requireFolder(mailbox, ref));
        }
    }

    public ObjectNode createFolder(Mailbox mailbox, String parentRef, String name, boolean hidden) {
        if (name == null || name.isBlank()) {
            throw GraphException.badRequest("ErrorInvalidRequest", "The displayName of a folder is required.");
        }
        synchronized (mailbox) {
            MailFolder parent = parentRef == null ? mailbox.root() : requireFolder(mailbox, parentRef);
            boolean exists = mailbox.children(parent).stream().anyMatch(f -> f.displayName().equalsIgnoreCase(name.trim()));
            if (exists) {
                throw new GraphException(409, "ErrorFolderExists", "A folder with the specified name already exists.");
            }
            return folderJson(mailbox, mailbox.createFolder(parent, name.trim(), hidden));
        }
    }

    /** Full renderings of a folder's messages (or the mailbox's), newest first; the caller filters and pages. */
    public List<ObjectNode> messageList(Mailbox mailbox, String folderRef, Render render) {
        synchronized (mailbox) {
            List<StoredMessage> messages = folderRef == null ? mailbox.messages()
                    : mailbox.messagesIn(requireFolder(mailbox, folderRef));
            return messages.stream()
                    .sorted(Comparator.comparing((StoredMessage m) -> m.receivedAt)
                            .thenComparing(m -> m.createdAt).reversed())
                    .map(m -> MessageJson.message(m, render.immutableIds(), render.bodyContentType()))
                    .toList();
        }
    }

    public ObjectNode message(Mailbox mailbox, String folderRef, String id, Render render) {
        synchronized (mailbox) {
            StoredMessage message = requireMessage(mailbox, folderRef, id);
            return MessageJson.message(message, render.immutableIds(), render.bodyContentType());
        }
    }

    public ObjectNode update(Mailbox mailbox, String folderRef, String id, JsonNode patch, Render render) {
        List<MessageChange> changes = new ArrayList<>();
        ObjectNode result;
        synchronized (mailbox) {
            StoredMessage message = requireMessage(mailbox, folderRef, id);
            for (String name : patch.propertyNames()) {
                JsonNode value = patch.get(name);
                switch (name) {
                    case "isRead" -> message.read = value.asBoolean();
                    case "subject" -> message.subject = value.asString();
                    case "importance" -> message.importance = value.asString().toLowerCase(Locale.ROOT);
                    case "categories" -> {
                        List<String> categories = new ArrayList<>();
                        value.values().forEach(v -> categories.add(v.asString()));
                        message.categories = categories;
                    }
                    case "flag" -> message.flagStatus = value.path("flagStatus").asString("notFlagged");
                    default -> throw GraphException.badRequest("ErrorInvalidProperty",
                            "The property '" + name + "' cannot be updated by the emulator.");
                }
            }
            mailbox.touch(message, clock.instant());
            changes.add(change(mailbox, MessageChange.Type.UPDATED, message.folderId, false, message));
            result = MessageJson.message(message, render.immutableIds(), render.bodyContentType());
        }
        publish(changes);
        return result;
    }

    /** Moves a message; the answer carries its new regular id and webLink. */
    public ObjectNode move(Mailbox mailbox, String folderRef, String id, String destination, Render render) {
        List<MessageChange> changes = new ArrayList<>();
        ObjectNode result;
        synchronized (mailbox) {
            StoredMessage message = requireMessage(mailbox, folderRef, id);
            MailFolder target = destination(mailbox, destination);
            moveLocked(mailbox, message, target, changes);
            result = MessageJson.message(message, render.immutableIds(), render.bodyContentType());
        }
        publish(changes);
        return result;
    }

    public ObjectNode copy(Mailbox mailbox, String folderRef, String id, String destination, Render render) {
        List<MessageChange> changes = new ArrayList<>();
        ObjectNode result;
        synchronized (mailbox) {
            StoredMessage message = requireMessage(mailbox, folderRef, id);
            MailFolder target = destination(mailbox, destination);
            Instant now = clock.instant();
            StoredMessage copy = message.copyAs(mailbox.newImmutableId(), now);
            mailbox.add(copy, target, now);
            changes.add(change(mailbox, MessageChange.Type.CREATED, target.id(), false, copy));
            result = MessageJson.message(copy, render.immutableIds(), render.bodyContentType());
        }
        publish(changes);
        return result;
    }

    /** Graph's DELETE: a soft delete, from whichever folder, into Recoverable Items (not Deleted Items). */
    public void delete(Mailbox mailbox, String folderRef, String id) {
        delete(mailbox, folderRef, id, false);
    }

    /** Graph's permanentDelete: the message is gone, not even recoverable by users. */
    public void permanentDelete(Mailbox mailbox, String folderRef, String id) {
        delete(mailbox, folderRef, id, true);
    }

    private void delete(Mailbox mailbox, String folderRef, String id, boolean permanently) {
        List<MessageChange> changes = new ArrayList<>();
        synchronized (mailbox) {
            StoredMessage message = requireMessage(mailbox, folderRef, id);
            changes.add(change(mailbox, MessageChange.Type.DELETED, message.folderId, false, message));
            if (permanently) {
                mailbox.remove(message);
            } else {
                mailbox.softDelete(message);
            }
        }
        publish(changes);
    }

    /** What was soft-deleted and can still be recovered, oldest first. */
    public List<MessageView> recoverableItems(Mailbox mailbox) {
        synchronized (mailbox) {
            return mailbox.recoverableMessages().stream().map(m -> view(mailbox, m)).toList();
        }
    }

    /**
     * The canonical names of a message {@code $select}, as Graph checks them (unknown names are a 400);
     * {@code id} is left out, since Graph adds it anyway.
     */
    public static List<String> messageSelect(String select) {
        List<String> names = MessageJson.parseSelect(select, MessageJson.MESSAGE_PROPERTIES, "microsoft.graph.message");
        return names == null ? List.of() : names;
    }

    /**
     * The resource data a rich change notification carries for a message: its selected properties as they are
     * now; empty once the message has left the mailbox.
     */
    public Optional<ObjectNode> notificationContent(Mailbox mailbox, String immutableId, List<String> select) {
        synchronized (mailbox) {
            return Optional.ofNullable(mailbox.messageByImmutableId(immutableId))
                    .map(message -> MessageJson.notificationContent(message, select));
        }
    }

    /** One page of a folder's delta. */
    public DeltaPage delta(Mailbox mailbox, String folderRef, DeltaQuery query) {
        synchronized (mailbox) {
            DeltaTokens.Page page;
            if (query.skipToken() != null) {
                if (!(deltaTokens.get(query.skipToken()) instanceof DeltaTokens.Page found) || !found.mailboxId().equals(mailbox.id())) {
                    throw syncStateNotFound();
                }
                page = found;
            } else if (query.deltaToken() != null) {
                if (!(deltaTokens.get(query.deltaToken()) instanceof DeltaTokens.Link link) || !link.mailboxId().equals(mailbox.id())) {
                    throw syncStateNotFound();
                }
                List<String> select = query.select() == null ? link.select() : MessageJson.parseSelect(query.select(),
                        MessageJson.MESSAGE_PROPERTIES, "microsoft.graph.message");
                page = new DeltaTokens.Page(mailbox.id(), link.folderId(),
                        ordered(changesSince(mailbox, link.folderId(), link.watermark(), link.changeType())), 0,
                        mailbox.sequence(), select, link.changeType(), UUID.randomUUID().toString(), false);
            } else {
                MailFolder folder = requireFolder(mailbox, folderRef);
                List<String> select = MessageJson.parseSelect(query.select(), MessageJson.MESSAGE_PROPERTIES,
                        "microsoft.graph.message");
                String changeType = query.changeType() == null ? null : query.changeType().toLowerCase(Locale.ROOT);
                if (changeType != null && !List.of("created", "updated", "deleted").contains(changeType)) {
                    throw GraphException.badRequest("ErrorInvalidUrlQuery", "changeType must be created, updated or deleted.");
                }
                List<DeltaTokens.Entry> entries = mailbox.messagesIn(folder).stream()
                        .map(m -> new DeltaTokens.Entry(m.immutableId, null)).toList();
                page = new DeltaTokens.Page(mailbox.id(), folder.id(), ordered(entries), 0, mailbox.sequence(), select,
                        changeType, UUID.randomUUID().toString(), false);
            }
            return render(mailbox, page, query);
        }
    }

    private List<DeltaTokens.Entry> ordered(List<DeltaTokens.Entry> entries) {
        if (!quirks.unordered()) {
            return entries;
        }
        List<DeltaTokens.Entry> shuffled = new ArrayList<>(entries);
        synchronized (order) {
            Collections.shuffle(shuffled, order);
        }
        return shuffled;
    }

    private DeltaPage render(Mailbox mailbox, DeltaTokens.Page page, DeltaQuery query) {
        DeltaQuirks liberties = quirks;
        if (liberties.emptyPages() && page.offset() == 0 && !page.emptyPageServed()) {
            return new DeltaPage(List.of(), deltaTokens.put(page.at(0, true)), null);
        }
        int end = Math.min(page.entries().size(), page.offset() + query.pageSize());
        int from = liberties.repeatAcrossPages() && page.offset() > 0 ? page.offset() - 1 : page.offset();
        List<ObjectNode> value = new ArrayList<>();
        for (DeltaTokens.Entry entry : page.entries().subList(from, end)) {
            if (entry.removed()) {
                value.add(MessageJson.removed(query.render().immutableIds() ? entry.immutableId() : entry.removedId()));
                continue;
            }
            StoredMessage message = mailbox.messageByImmutableId(entry.immutableId());
            if (message == null || !message.folderId.equals(page.folderId())) {
                continue;
            }
            ObjectNode full = MessageJson.message(message, query.render().immutableIds(), query.render().bodyContentType());
            ObjectNode item = Json.object();
            item.put("@odata.type", "#microsoft.graph.message");
            item.setAll(MessageJson.select(full, page.select()));
            value.add(item);
        }
        if (end < page.entries().size()) {
            return new DeltaPage(value, deltaTokens.put(page.at(end, page.emptyPageServed())), null);
        }
        deltaTokens.finishRound(page.round());
        String link = deltaTokens.put(new DeltaTokens.Link(page.mailboxId(), page.folderId(), page.watermark(),
                page.select(), page.changeType()));
        return new DeltaPage(value, null, link);
    }

    /**
     * What changed in a folder after {@code watermark}, one entry per message: messages there now are reported
     * whole, messages that were there and left are reported removed, messages that came and went unseen are not
     * reported at all.
     */
    private static List<DeltaTokens.Entry> changesSince(Mailbox mailbox, String folderId, long watermark, String changeType) {
        Map<String, List<Mailbox.ChangeEvent>> byMessage = new LinkedHashMap<>();
        for (Mailbox.ChangeEvent event : mailbox.eventsAfter(folderId, watermark)) {
            byMessage.computeIfAbsent(event.immutableId(), id -> new ArrayList<>()).add(event);
        }
        List<Map.Entry<String, List<Mailbox.ChangeEvent>>> ordered = new ArrayList<>(byMessage.entrySet());
        ordered.sort(Comparator.comparingLong(e -> e.getValue().get(e.getValue().size() - 1).seq()));
        List<DeltaTokens.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<Mailbox.ChangeEvent>> entry : ordered) {
            List<Mailbox.ChangeEvent> events = entry.getValue();
            boolean wasThere = events.get(0).kind() != Mailbox.Kind.ADDED;
            StoredMessage message = mailbox.messageByImmutableId(entry.getKey());
            boolean isThere = message != null && message.folderId.equals(folderId);
            String kind;
            DeltaTokens.Entry reported;
            if (isThere) {
                kind = wasThere ? "updated" : "created";
                reported = new DeltaTokens.Entry(entry.getKey(), null);
            } else if (wasThere) {
                kind = "deleted";
                Mailbox.ChangeEvent lastRemoval = events.stream().filter(e -> e.kind() == Mailbox.Kind.REMOVED)
                        .reduce((first, second) -> second).orElseThrow();
                reported = new DeltaTokens.Entry(entry.getKey(), lastRemoval.regularId());
            } else {
                continue;
            }
            if (changeType == null || changeType.equals(kind)) {
                entries.add(reported);
            }
        }
        return entries;
    }

    private static GraphException syncStateNotFound() {
        return new GraphException(410, "SyncStateNotFound",
                "The sync state generation is not found. The delta token is expired or no longer valid; restart the synchronization without a token.");
    }

    private void moveLocked(Mailbox mailbox, StoredMessage message, MailFolder target, List<MessageChange> changes) {
        if (message.folderId.equals(target.id())) {
            return;
        }
        changes.add(change(mailbox, MessageChange.Type.DELETED, message.folderId, true, message));
        mailbox.move(message, target, clock.instant());
        changes.add(change(mailbox, MessageChange.Type.CREATED, target.id(), true, message));
    }

    private static MailFolder destination(Mailbox mailbox, String destination) {
        if (destination == null || destination.isBlank()) {
            throw GraphException.badRequest("ErrorInvalidRequest", "The DestinationId parameter is required.");
        }
        MailFolder folder = mailbox.folder(destination);
        if (folder == null) {
            throw GraphException.notFound("ErrorItemNotFound", "The destination folder could not be found in the store.");
        }
        return folder;
    }

    private static MailFolder requireFolder(Mailbox mailbox, String ref) {
        MailFolder folder = mailbox.folder(ref);
        if (folder == null) {
            throw GraphException.itemNotFound();
        }
        return folder;
    }

    private static StoredMessage requireMessage(Mailbox mailbox, String folderRef, String id) {
        StoredMessage message = mailbox.message(id);
        if (message == null) {
            throw GraphException.itemNotFound();
        }
        if (folderRef != null) {
            MailFolder folder = mailbox.folder(folderRef);
            if (folder == null || !folder.id().equals(message.folderId)) {
                throw GraphException.itemNotFound();
            }
        }
        return message;
    }

    private static MailFolder folderForDelivery(Mailbox mailbox, String ref) {
        return folderByReference(mailbox, ref).orElseThrow(() -> new IllegalArgumentException(
                "no folder '" + ref + "' in mailbox " + mailbox.address()));
    }

    /** A folder by id, well-known name or display-name path from the root, as the control side names folders. */
    private static Optional<MailFolder> folderByReference(Mailbox mailbox, String ref) {
        MailFolder folder = mailbox.folder(ref);
        if (folder != null) {
            return Optional.of(folder);
        }
        Optional<MailFolder> found = Optional.of(mailbox.root());
        for (String name : ref.split("/")) {
            found = found.flatMap(parent -> mailbox.children(parent).stream()
                    .filter(f -> f.displayName().equalsIgnoreCase(name.trim())).findFirst());
        }
        return found;
    }

    private static ObjectNode folderJson(Mailbox mailbox, MailFolder folder) {
        List<StoredMessage> messages = mailbox.messagesIn(folder);
        int unread = (int) messages.stream().filter(m -> !m.read).count();
        return MessageJson.folder(folder, mailbox.children(folder).size(), unread, messages.size());
    }

    private static MessageView view(Mailbox mailbox, StoredMessage message) {
        MailFolder folder = mailbox.folder(message.folderId);
        String name = folder == null ? Mailbox.RECOVERABLE_ITEMS
                : folder.wellKnownName() != null ? folder.wellKnownName() : folder.displayName();
        return new MessageView(message.regularId, message.immutableId, message.folderId, name, message.subject,
                message.internetMessageId, message.conversationId, MessageJson.webLink(message.regularId),
                message.from, message.sender, message.toRecipients, message.ccRecipients, message.receivedAt, message.read);
    }

    private static MessageChange change(Mailbox mailbox, MessageChange.Type type, String folderId, boolean move,
                                        StoredMessage message) {
        return new MessageChange(mailbox, type, folderId, move, message.regularId, message.immutableId, message.changeKey);
    }

    private void publish(List<MessageChange> changes) {
        for (MessageChange change : changes) {
            for (MailboxListener listener : listeners) {
                listener.changed(change);
            }
        }
    }
}
