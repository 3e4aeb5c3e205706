package org.mailtrail.matcher.log.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;

/** A contact's interactions of one conversation, newest first; {@code subject} is the newest mail's. */
public record ConversationGroup(@Id String conversationKey, Instant lastAt, Instant firstAt, int count, String subject,
        List<InteractionDocument> interactions) {
}
