package org.mailtrail.emulator.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A message as tests see it through the emulator's Java API.
 *
 * @param id     the current regular id (changes on every move)
 * @param folder the folder's well-known name, or its display name for a folder a user made
 */
public record MessageView(String id, String immutableId, String folderId, String folder, String subject,
                          String internetMessageId, String conversationId, String webLink, EmailAddress from,
                          EmailAddress sender, List<EmailAddress> toRecipients, List<EmailAddress> ccRecipients,
                          Instant receivedDateTime, boolean isRead) {
}
