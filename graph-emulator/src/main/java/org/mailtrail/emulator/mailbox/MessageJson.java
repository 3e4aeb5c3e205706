package org.mailtrail.emulator.mailbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders messages and folders in Graph v1.0's JSON shape and property order. */
final class MessageJson {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    static final List<String> MESSAGE_PROPERTIES = List.of("createdDateTime", "lastModifiedDateTime", "changeKey",
            "categories", "receivedDateTime", "sentDateTime", "hasAttachments", "internetMessageId", "subject",
            "bodyPreview", "importance", "parentFolderId", "conversationId", "conversationIndex",
            "isDeliveryReceiptRequested", "isReadReceiptRequested", "isRead", "isDraft", "webLink",
            "inferenceClassification", "body", "sender", "from", "toRecipients", "ccRecipients", "bccRecipients",
            "replyTo", "flag");

    /**
     * The OData type of each message property whose JSON value does not tell it, as the resource data of a rich
     * notification annotates it. Graph's example shows {@code receivedDateTime} and {@code importance}; the others
     * follow the same rule of OData's JSON format. Strings and Booleans need none.
     */
    private static final Map<String, String> ANNOTATED_TYPES = Map.ofEntries(
            Map.entry("createdDateTime", "#DateTimeOffset"),
            Map.entry("lastModifiedDateTime", "#DateTimeOffset"),
            Map.entry("receivedDateTime", "#DateTimeOffset"),
            Map.entry("sentDateTime", "#DateTimeOffset"),
            Map.entry("categories", "#Collection(String)"),
            Map.entry("importance", "#microsoft.graph.importance"),
            Map.entry("conversationIndex", "#Binary"),
            Map.entry("inferenceClassification", "#microsoft.graph.inferenceClassificationType"),
            Map.entry("toRecipients", "#Collection(microsoft.graph.recipient)"),
            Map.entry("ccRecipients", "#Collection(microsoft.graph.recipient)"),
            Map.entry("bccRecipients", "#Collection(microsoft.graph.recipient)"),
            Map.entry("replyTo", "#Collection(microsoft.graph.recipient)"));

    /** The complex type of each message property that holds an object (or a collection of them). */
    private static final Map<String, String> COMPLEX_TYPES = Map.of(
            "sender", "#microsoft.graph.recipient",
            "from", "#microsoft.graph.recipient",
            "toRecipients", "#microsoft.graph.recipient",
            "ccRecipients", "#microsoft.graph.recipient",
            "bccRecipients", "#microsoft.graph.recipient",
            "replyTo", "#microsoft.graph.recipient",
            "flag", "#microsoft.graph.followupFlag");

    static final List<String> FOLDER_PROPERTIES = List.of("displayName", "parentFolderId", "childFolderCount",
            "unreadItemCount", "totalItemCount", "sizeInBytes", "isHidden");

    private MessageJson() {
    }

    /** The link Outlook on the web opens a message with; it embeds the regular id, so it changes on a move. */
    static String webLink(String regularId) {
        return "https://outlook.office365.com/owa/?ItemID=" + URLEncoder.encode(regularId, StandardCharsets.UTF_8)
                + "&exvsurl=1&viewmodel=ReadMessageItem";
    }

    static ObjectNode message(StoredMessage message, boolean immutableIds, String bodyContentType) {
        ObjectNode node = Json.object();
        node.put("@odata.etag", "W/\"" + message.changeKey + "\"");
        node.put("id", immutableIds ? message.immutableId : message.regularId);
        node.put("createdDateTime", DATE_TIME.format(message.createdAt));
        node.put("lastModifiedDateTime", DATE_TIME.format(message.lastModifiedAt));
        node.put("changeKey", message.changeKey);
        ArrayNode categories = node.putArray("categories");
        message.categories.forEach(categories::add);
        node.put("receivedDateTime", DATE_TIME.format(message.receivedAt));
        node.put("sentDateTime", DATE_TIME.format(message.sentAt));
        node.put("hasAttachments", message.hasAttachments);
        node.put("internetMessageId", message.internetMessageId);
        node.put("subject", message.subject);
        node.put("bodyPreview", preview(message.body, message.bodyContentType));
        node.put("importance", message.importance);
        node.put("parentFolderId", message.folderId);
        node.put("conversationId", message.conversationId);
        node.put("conversationIndex", message.conversationIndex);
        node.put("isDeliveryReceiptRequested", false);
        node.put("isReadReceiptRequested", false);
        node.put("isRead", message.read);
        node.put("isDraft", message.draft);
        node.put("webLink", webLink(message.regularId));
        node.put("inferenceClassification", "focused");
        ObjectNode body = node.putObject("body");
        boolean asText = "text".equals(bodyContentType) && "html".equals(message.bodyContentType);
        body.put("contentType", asText ? "text" : message.bodyContentType);
        body.put("content", asText ? plainText(message.body) : message.body);
        putRecipient(node, "sender", message.sender);
        putRecipient(node, "from", message.from);
        putRecipients(node, "toRecipients", message.toRecipients);
        putRecipients(node, "ccRecipients", message.ccRecipients);
        putRecipients(node, "bccRecipients", message.bccRecipients);
        putRecipients(node, "replyTo", message.replyTo);
        node.putObject("flag").put("flagStatus", message.flagStatus);
        return node;
    }

    /**
     * A message as the encrypted resource data of a rich notification holds it: the selected properties only, in
     * the shape GET gives them, with OData type annotations as Graph's example of a decrypted Outlook message shows
     * them; no {@code id} and no {@code @odata.etag}, which the notification's {@code resourceData} carries.
     */
    static ObjectNode notificationContent(StoredMessage message, List<String> select) {
        ObjectNode full = message(message, false, null);
        ObjectNode node = Json.object();
        for (String name : full.propertyNames()) {
            if (name.startsWith("@") || name.equals("id") || !select.contains(name)) {
                continue;
            }
            if (ANNOTATED_TYPES.containsKey(name)) {
                node.put(name + "@odata.type", ANNOTATED_TYPES.get(name));
            }
            JsonNode value = full.get(name);
            String complexType = COMPLEX_TYPES.get(name);
            if (complexType != null && value.isArray()) {
                ArrayNode items = node.putArray(name);
                value.values().forEach(item -> items.add(annotated((ObjectNode) item, complexType)));
            } else if (complexType != null) {
                node.set(name, annotated((ObjectNode) value, complexType));
            } else {
                node.set(name, value);
            }
        }
        return node;
    }

    /** A complex value with its type first, and the types of what it holds (an email address, a flag status). */
    private static ObjectNode annotated(ObjectNode value, String type) {
        ObjectNode node = Json.object();
        node.put("@odata.type", type);
        for (String name : value.propertyNames()) {
            JsonNode inner = value.get(name);
            if (name.equals("emailAddress")) {
                ObjectNode address = node.putObject(name);
                address.put("@odata.type", "#microsoft.graph.emailAddress");
                address.setAll((ObjectNode) inner);
            } else if (name.equals("flagStatus")) {
                node.put("flagStatus@odata.type", "#microsoft.graph.followupFlagStatus");
                node.set(name, inner);
            } else {
                node.set(name, inner);
            }
        }
        return node;
    }

    static ObjectNode removed(String id) {
        ObjectNode node = Json.object();
        node.put("@odata.type", "#microsoft.graph.message");
        node.put("id", id);
        node.putObject("@removed").put("reason", "deleted");
        return node;
    }

    static ObjectNode folder(MailFolder folder, int childFolders, int unread, int total) {
        ObjectNode node = Json.object();
        node.put("id", folder.id());
        node.put("displayName", folder.displayName());
        if (folder.parentId() == null) {
            node.putNull("parentFolderId");
        } else {
            node.put("parentFolderId", folder.parentId());
        }
        node.put("childFolderCount", childFolders);
        node.put("unreadItemCount", unread);
        node.put("totalItemCount", total);
        node.put("sizeInBytes", total * 2048L);
        node.put("isHidden", folder.hidden());
        return node;
    }

    /**
     * Canonical names of a {@code $select}; Graph always adds {@code id} (and the etag), and rejects names
     * the type does not have.
     */
    static List<String> parseSelect(String select, List<String> known, String type) {
        if (select == null || select.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String raw : select.split(",")) {
            String name = raw.trim();
            if (name.isEmpty() || name.equalsIgnoreCase("id")) {
                continue;
            }
            String canonical = known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> GraphException.badRequest("RequestBroker--ParseUri",
                            "Could not find a property named '" + name + "' on type '" + type + "'."));
            if (!names.contains(canonical)) {
                names.add(canonical);
            }
        }
        return names;
    }

    static ObjectNode select(ObjectNode full, List<String> select) {
        if (select == null) {
            return full;
        }
        ObjectNode node = Json.object();
        for (String name : full.propertyNames()) {
            if (name.startsWith("@") || name.equals("id") || select.contains(name)) {
                node.set(name, full.get(name));
            }
        }
        return node;
    }

    static String preview(String body, String contentType) {
        String text = "html".equals(contentType) ? plainText(body) : body;
        String collapsed = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return collapsed.length() > 255 ? collapsed.substring(0, 255) : collapsed;
    }

    static String plainText(String html) {
        if (html == null) {
            return "";
        }
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .trim();
    }

    static String format(Instant instant) {
        return DATE_TIME.format(instant);
    }

    private static void putRecipient(ObjectNode node, String name, EmailAddress address) {
        if (address == null) {
            return;
        }
        node.putObject(name).set("emailAddress", emailAddress(address));
    }

    private static void putRecipients(ObjectNode node, String name, List<EmailAddress> addresses) {
        ArrayNode array = node.putArray(name);
        for (EmailAddress address : addresses) {
            array.addObject().set("emailAddress", emailAddress(address));
        }
    }

    private static ObjectNode emailAddress(EmailAddress address) {
        ObjectNode node = Json.object();
        node.put("name", address.name());
        node.put("address", address.address());
        return node;
    }

    static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
