package org.mailtrail.emulator.mailbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A message's state inside a mailbox; guarded by the mailbox's lock. */
final class StoredMessage {

    final String immutableId;
    String regularId;
    String folderId;
    String changeKey;
    final Instant createdAt;
    Instant lastModifiedAt;
    String subject;
    String body;
    String bodyContentType;
    EmailAddress from;
    EmailAddress sender;
    List<EmailAddress> toRecipients;
    List<EmailAddress> ccRecipients;
    List<EmailAddress> bccRecipients;
    List<EmailAddress> replyTo;
    Instant sentAt;
    Instant receivedAt;
    String internetMessageId;
    String conversationId;
    String conversationIndex;
    boolean draft;
    boolean read;
    boolean hasAttachments;
    String importance;
    List<String> categories;
    String flagStatus = "notFlagged";

    StoredMessage(String immutableId, Instant createdAt) {
        this.immutableId = immutableId;
        this.createdAt = createdAt;
        this.lastModifiedAt = createdAt;
    }

    StoredMessage copyAs(String newImmutableId, Instant now) {
        StoredMessage copy = new StoredMessage(newImmutableId, now);
        copy.subject = subject;
        copy.body = body;
        copy.bodyContentType = bodyContentType;
        copy.from = from;
        copy.sender = sender;
        copy.toRecipients = toRecipients;
        copy.ccRecipients = ccRecipients;
        copy.bccRecipients = bccRecipients;
        copy.replyTo = replyTo;
        copy.sentAt = sentAt;
        copy.receivedAt = receivedAt;
        copy.internetMessageId = internetMessageId;
        copy.conversationId = conversationId;
        copy.conversationIndex = conversationIndex;
        copy.draft = draft;
        copy.read = read;
        copy.hasAttachments = hasAttachments;
        copy.importance = importance;
        copy.categories = new ArrayList<>(categories);
        copy.flagStatus = flagStatus;
        return copy;
    }
}
