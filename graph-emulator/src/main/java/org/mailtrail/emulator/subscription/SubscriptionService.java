package org.mailtrail.emulator.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.emulator.http.Caller;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.http.ODataPath;
import org.mailtrail.emulator.mailbox.Mailbox;
import org.mailtrail.emulator.mailbox.MailboxListener;
import org.mailtrail.emulator.mailbox.MailboxService;
import org.mailtrail.emulator.mailbox.MessageChange;
import org.mailtrail.emulator.metrics.Counters;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Keeps subscriptions and turns mailbox changes into their notifications. */
public final class SubscriptionService implements MailboxListener {

    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");

    /** The longest an Outlook message subscription with resource data may live: one day. */
    public static final Duration MAX_LIFETIME_WITH_RESOURCE_DATA = Duration.ofMinutes(1440);

    private static final Set<String> UPDATABLE = Set.of("expirationDateTime", "notificationUrl", "includeResourceData",
            "encryptionCertificate", "encryptionCertificateId");

    /** Where a subscription's resource points: a mailbox as the client named it, and a folder or none. */
    public record Resource(String user, String folder) {
    }

    private final Clock clock;
    private final MailboxService mailboxes;
    private final ValidationHandshake handshake;
    private final NotificationDispatcher dispatcher;
    private final Counters counters;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile Duration maxLifetime;

    private volatile ResourceForm resourceForm = ResourceForm.USER_ID;

    public SubscriptionService(Clock clock, MailboxService mailboxes, ValidationHandshake handshake,
                               NotificationDispatcher dispatcher, Counters counters, Duration maxLifetime) {
        this.clock = clock;
        this.mailboxes = mailboxes;
        this.handshake = handshake;
        this.dispatcher = dispatcher;
        this.counters = counters;
        this.maxLifetime = maxLifetime;
    }

    public void maxLifetime(Duration value) {
        this.maxLifetime = value;
    }

    public boolean alive(String id) {
        Subscription subscription = subscriptions.get(id);
        return subscription != null && subscription.expiration().isAfter(clock.instant());
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    public List<Subscription> all() {
        return List.copyOf(subscriptions.values());
    }

    /**
     * Parses {@code users/{id}/mailFolders('Inbox')/messages}, {@code /users/{id}/messages}, {@code me/...} and
     * their case variants; {@code null} if the resource is not mail.
     */
    public static Resource parseResource(String resource, Caller caller) {
        if (resource == null) {
            return null;
        }
        String path = resource.contains("?") ? resource.substring(0, resource.indexOf('?')) : resource;
        List<String> segments = new ArrayList<>(ODataPath.segments(path));
        if (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("me")) {
            if (caller == null || !caller.delegated()) {
                return null;
            }
            segments.set(0, caller.userPrincipalName());
            segments.add(0, "users");
        }
        if (segments.size() == 3 && is(segments.get(0), "users") && is(segments.get(2), "messages")) {
            return new Resource(segments.get(1), null);
        }
        if (segments.size() == 5 && is(segments.get(0), "users") && is(segments.get(2), "mailFolders")
                && is(segments.get(4), "messages")) {
            return new Resource(segments.get(1), segments.get(3));
        }
        return null;
    }

    public Subscription create(Caller caller, JsonNode body, boolean immutableIds) {
        String resource = Json.text(body, "resource");
        Resource target = parseResource(resource, caller);
        if (target == null) {
            throw GraphException.badRequest("InvalidRequest", "The resource '" + resource
                    + "' is not supported by the emulator; subscribe to users/{id}/messages or users/{id}/mailFolders('{folder}')/messages.");
        }
        ResourceData resourceData = null;
        if (body.path("includeResourceData").asBoolean(false)) {
            resourceData = ResourceData.of(resource, Json.text(body, "encryptionCertificate"),
                    Json.text(body, "encryptionCertificateId"), "Create");
        } else {
            refuseQueryOptions(resource);
        }
        Mailbox mailbox = mailboxes.find(target.user()).orElseThrow(() -> GraphException.notFound("ErrorInvalidUser",
                "The requested user '" + target.user() + "' is invalid."));
        if (caller.delegated() && !mailbox.address().equalsIgnoreCase(caller.userPrincipalName())) {
            throw new GraphException(403, "ExtensionError", "Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]");
        }
        String folderId = null;
        if (target.folder() != null) {
            folderId = mailboxes.folderId(mailbox, target.folder()).orElseThrow(() -> GraphException.notFound(
                    "ExtensionError", "Operation: Create; Exception: [Status Code: NotFound; Reason: The folder '" + target.folder() + "' was not found.]"));
        }
        List<String> changeTypes = changeTypes(Json.text(body, "changeType"));
        String notificationUrl = requireUrl(Json.text(body, "notificationUrl"), "notificationUrl");
        String lifecycleUrl = Json.text(body, "lifecycleNotificationUrl");
        if (lifecycleUrl != null) {
            requireUrl(lifecycleUrl, "lifecycleNotificationUrl");
        }
        String clientState = Json.text(body, "clientState");
        if (clientState != null && clientState.length() > 128) {
            throw GraphException.badRequest("InvalidRequest", "clientState must be at most 128 characters long.");
        }
        Instant expiration = expiration(Json.text(body, "expirationDateTime"), "Create", resourceData != null);
        validate(notificationUrl);
        if (lifecycleUrl != null && !lifecycleUrl.equals(notificationUrl)) {
            validate(lifecycleUrl);
        }
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), mailbox.tenantId(), caller.appId(),
                resource, mailbox.id(), mailbox.address(), folderId, changeTypes, notificationUrl, lifecycleUrl,
                clientState, expiration, immutableIds, Optional.ofNullable(Json.text(body, "latestSupportedTlsVersion")).orElse("v1_2"),
                caller.delegated() ? caller.userId() : UUID.nameUUIDFromBytes(("sp:" + caller.appId()).getBytes()).toString(),
                false, false, resourceData);
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    /**
     * Renews, moves the notification URL, or swaps the encryption certificate (as Graph's page on rich
     * notifications tells apps to rotate keys). The result is held to the rules of creation.
     */
    public Subscription update(Caller caller, String id, JsonNode body) {
        Subscription subscription = owned(caller, id);
        for (String name : body.propertyNames()) {
            if (!UPDATABLE.contains(name) && !name.startsWith("@odata")) {
                throw GraphException.badRequest("InvalidRequest", "Only expirationDateTime, notificationUrl, "
                        + "includeResourceData, encryptionCertificate and encryptionCertificateId can be updated.");
            }
        }
        Subscription updated = subscription;
        if (body.has("includeResourceData") || body.has("encryptionCertificate") || body.has("encryptionCertificateId")) {
            updated = updated.withResourceData(updatedResourceData(subscription, body));
        }
        String url = Json.text(body, "notificationUrl");
        if (url != null && !url.equals(subscription.notificationUrl())) {
            requireUrl(url, "notificationUrl");
            validate(url);
            updated = updated.withNotificationUrl(url);
        }
        String expiration = Json.text(body, "expirationDateTime");
        if (expiration != null) {
            updated = updated.withExpiration(expiration(expiration, "Update", updated.includeResourceData()));
        }
        subscriptions.put(id, updated);
        return updated;
    }

    private static ResourceData updatedResourceData(Subscription subscription, JsonNode body) {
        boolean include = body.has("includeResourceData") ? body.get("includeResourceData").asBoolean(false)
                : subscription.includeResourceData();
        if (!include) {
            refuseQueryOptions(subscription.resource());
            return null;
        }
        EncryptionCertificate current = subscription.resourceData() == null ? null : subscription.resourceData().certificate();
        String certificate = body.has("encryptionCertificate") ? Json.text(body, "encryptionCertificate")
                : current == null ? null : current.encoded();
        String certificateId = body.has("encryptionCertificateId") ? Json.text(body, "encryptionCertificateId")
                : current == null ? null : current.id();
        return ResourceData.of(subscription.resource(), certificate, certificateId, "Update");
    }

    /** A subscription without resource data takes no query options here: they are not emulated. */
    private static void refuseQueryOptions(String resource) {
        if (resource.contains("?")) {
            throw GraphException.badRequest("InvalidRequest", "Query options in a subscription resource are not emulated "
                    + "for a subscription without resource data.");
        }
    }

    public void delete(Caller caller, String id) {
        owned(caller, id);
        subscriptions.remove(id);
    }

    public void reauthorize(Caller caller, String id) {
        Subscription subscription = owned(caller, id);
        subscriptions.put(id, subscription.withReauthorizationRequired(false, false));
    }

    /** Removes a subscription as Graph does on its own, telling the lifecycle URL with {@code subscriptionRemoved}. */
    public Subscription remove(String id) {
        Subscription subscription = subscriptions.remove(id);
        if (subscription == null) {
            throw new IllegalArgumentException("no subscription " + id);
        }
        sendLifecycle(subscription, LifecycleEvent.subscriptionRemoved);
        return subscription;
    }

    /**
     * Sends a lifecycle notification. For {@code reauthorizationRequired} the subscription is flagged until it
     * is reauthorized or renewed, and, with {@code pause}, its change notifications stop meanwhile (they are
     * lost, as Graph's are).
     */
    public void lifecycle(String id, LifecycleEvent event, boolean pause) {
        if (event == LifecycleEvent.subscriptionRemoved) {
            remove(id);
            return;
        }
        Subscription subscription = subscriptions.get(id);
        if (subscription == null) {
            throw new IllegalArgumentException("no subscription " + id);
        }
        if (event == LifecycleEvent.reauthorizationRequired) {
            subscription = subscription.withReauthorizationRequired(true, pause);
            subscriptions.put(id, subscription);
        }
        sendLifecycle(subscription, event);
    }

    /** Forgets expired subscriptions; Graph sends nothing when one lapses. */
    public int sweepExpired() {
        Instant now = clock.instant();
        int before = subscriptions.size();
        subscriptions.values().removeIf(s -> !s.expiration().isAfter(now));
        return before - subscriptions.size();
    }

    public ObjectNode json(Subscription subscription, String graphBase) {
        ObjectNode node = Json.object();
        node.put("@odata.context", graphBase + "/$metadata#subscriptions/$entity");
        node.put("id", subscription.id());
        node.put("resource", subscription.resource());
        node.put("applicationId", subscription.appId());
        node.put("changeType", String.join(",", subscription.changeTypes()));
        putNullable(node, "clientState", subscription.clientState());
        node.put("notificationUrl", subscription.notificationUrl());
        node.putNull("notificationQueryOptions");
        putNullable(node, "lifecycleNotificationUrl", subscription.lifecycleNotificationUrl());
        node.put("expirationDateTime", EXPIRATION.format(subscription.expiration()));
        node.put("creatorId", subscription.creatorId());
        ResourceData resourceData = subscription.resourceData();
        node.put("includeResourceData", resourceData != null);
        node.put("latestSupportedTlsVersion", subscription.latestSupportedTlsVersion());
        putNullable(node, "encryptionCertificate", resourceData == null ? null : resourceData.certificate().encoded());
        putNullable(node, "encryptionCertificateId", resourceData == null ? null : resourceData.certificate().id());
        node.putNull("notificationUrlAppId");
        return node;
    }

    @Override
    public void changed(MessageChange change) {
        Instant now = clock.instant();
        for (Subscription subscription : subscriptions.values()) {
            if (!subscription.mailboxId().equals(change.mailbox().id()) || !subscription.expiration().isAfter(now)) {
                continue;
            }
            String changeType = changeTypeFor(subscription, change);
            if (changeType == null || !subscription.changeTypes().contains(changeType)) {
                continue;
            }
            if (subscription.pausedUntilReauthorized()) {
                counters.notificationDropped();
                continue;
            }
            NotificationDispatcher.Audience audience = subscription.includeResourceData()
                    ? new NotificationDispatcher.Audience(subscription.appId(), subscription.tenantId()) : null;
            dispatcher.change(subscription.notificationUrl(), subscription.id(),
                    notification(subscription, change, changeType), audience);
        }
    }

    /** A folder subscription sees moves as created/deleted; a mailbox subscription sees a move as an update. */
    private static String changeTypeFor(Subscription subscription, MessageChange change) {
        if (subscription.folderId() != null) {
            if (!subscription.folderId().equals(change.folderId())) {
                return null;
            }
            return change.type().name().toLowerCase(Locale.ROOT);
        }
        if (change.move()) {
            return change.type() == MessageChange.Type.CREATED ? "updated" : null;
        }
        return change.type().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The two forms Graph writes a change notification's {@code resource} in: {@code Users/{user id}/Messages/{id}}
     * and {@code users/{user id}@{tenant id}/messages/{id}}.
     */
    public enum ResourceForm {
        USER_ID, USER_AT_TENANT
    }

    /** Which form change notifications name their message in from now on. */
    public void resourceForm(ResourceForm value) {
        resourceForm = value;
    }

    private ObjectNode notification(Subscription subscription, MessageChange change, String changeType) {
        String messageId = subscription.immutableIds() ? change.immutableId() : change.id();
        String resource = resourceForm == ResourceForm.USER_AT_TENANT
                ? "users/" + subscription.mailboxId() + "@" + subscription.tenantId() + "/messages/" + messageId
                : "Users/" + subscription.mailboxId() + "/Messages/" + messageId;
        ObjectNode node = Json.object();
        node.put("subscriptionId", subscription.id());
        node.put("subscriptionExpirationDateTime", EXPIRATION.format(subscription.expiration()));
        node.put("changeType", changeType);
        node.put("resource", resource);
        ObjectNode data = node.putObject("resourceData");
        data.put("@odata.type", "#Microsoft.Graph.Message");
        data.put("@odata.id", resource);
        data.put("@odata.etag", "W/\"" + change.changeKey() + "\"");
        data.put("id", messageId);
        if (subscription.includeResourceData() && !changeType.equals("deleted")) {
            ResourceData resourceData = subscription.resourceData();
            mailboxes.notificationContent(change.mailbox(), change.immutableId(), resourceData.select())
                    .ifPresent(content -> node.set("encryptedContent", resourceData.certificate().encrypt(Json.bytes(content))));
        }
        putNullable(node, "clientState", subscription.clientState());
        node.put("tenantId", subscription.tenantId());
        return node;
    }

    private void sendLifecycle(Subscription subscription, LifecycleEvent event) {
        if (subscription.lifecycleNotificationUrl() == null) {
            throw new IllegalStateException("subscription " + subscription.id() + " has no lifecycleNotificationUrl");
        }
        ObjectNode node = Json.object();
        node.put("subscriptionId", subscription.id());
        node.put("subscriptionExpirationDateTime", EXPIRATION.format(subscription.expiration()));
        node.put("tenantId", subscription.tenantId());
        putNullable(node, "clientState", subscription.clientState());
        node.put("lifecycleEvent", event.name());
        dispatcher.lifecycle(subscription.lifecycleNotificationUrl(), subscription.id(), node);
    }

    private void validate(String url) {
        Optional<String> failure = handshake.validate(url);
        counters.validation(failure.isEmpty());
        failure.ifPresent(message -> {
            throw GraphException.badRequest("ValidationError", message);
        });
    }

    private Subscription owned(Caller caller, String id) {
        Subscription subscription = subscriptions.get(id);
        if (subscription == null || !subscription.appId().equalsIgnoreCase(caller.appId())
                || !subscription.expiration().isAfter(clock.instant())) {
            throw GraphException.notFound("ResourceNotFound", "The object was not found.");
        }
        return subscription;
    }

    /** @param withResourceData whether the subscription includes resource data, which Outlook allows a day at most */
    private Instant expiration(String value, String operation, boolean withResourceData) {
        if (value == null) {
            throw GraphException.badRequest("InvalidRequest", "expirationDateTime is required.");
        }
        Instant expiration;
        try {
            expiration = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                expiration = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw GraphException.badRequest("InvalidRequest", "expirationDateTime '" + value + "' is not a date and time.");
            }
        }
        Instant now = clock.instant();
        if (!expiration.isAfter(now)) {
            throw GraphException.badRequest("ExtensionError", "Operation: " + operation
                    + "; Exception: [Status Code: BadRequest; Reason: Subscription expiration must be in the future.]");
        }
        Duration longest = withResourceData && MAX_LIFETIME_WITH_RESOURCE_DATA.compareTo(maxLifetime) < 0
                ? MAX_LIFETIME_WITH_RESOURCE_DATA : maxLifetime;
        if (expiration.isAfter(now.plus(longest))) {
            throw GraphException.badRequest("ExtensionError", "Operation: " + operation
                    + "; Exception: [Status Code: BadRequest; Reason: Subscription expiration can only be "
                    + longest.toMinutes() + " minutes in the future.]");
        }
        return expiration;
    }

    private static List<String> changeTypes(String value) {
        if (value == null || value.isBlank()) {
            throw GraphException.badRequest("InvalidRequest", "changeType is required.");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String type = part.trim().toLowerCase(Locale.ROOT);
            if (!CHANGE_TYPES.contains(type)) {
                throw GraphException.badRequest("InvalidRequest", "changeType '" + part.trim() + "' is not supported for messages.");
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private static String requireUrl(String url, String name) {
        if (url == null || url.isBlank()) {
            throw GraphException.badRequest("InvalidRequest", name + " is required.");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            throw GraphException.badRequest("InvalidRequest", name + " must be an http(s) URL.");
        }
        return url;
    }

    private static boolean is(String segment, String literal) {
        return segment.equalsIgnoreCase(literal);
    }

    private static void putNullable(ObjectNode node, String name, String value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
