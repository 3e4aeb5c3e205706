package org.mailtrail.matcher.interactionlog.store;

import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.interactionlog.domain.Conversation;
import org.springframework.data.annotation.Id;

/** A contact's interactions of one conversation as the timeline's aggregation groups them, newest first. */
record ConversationGroup(@Id String conversationKey, Instant lastAt, Instant firstAt, int count, String subject,
        List<InteractionDocument> interactions) {

    Conversation toConversation() {
        return new Conversation(conversationKey, lastAt, firstAt, count, subject,
                interactions.stream().map(InteractionDocument::toInteraction).toList());
    }
}
