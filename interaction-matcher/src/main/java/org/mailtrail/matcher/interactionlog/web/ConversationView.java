package org.mailtrail.matcher.interactionlog.web;

import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.interactionlog.domain.Conversation;

/**
 * One conversation of a contact's timeline.
 *
 * @param conversationId absent for a mail without one, which then stands alone
 * @param subject the subject of the conversation's newest mail
 */
public record ConversationView(String conversationId, String subject, Instant firstAt, Instant lastAt,
        int interactionCount, List<InteractionView> interactions) {

    static ConversationView of(Conversation group) {
        List<InteractionView> interactions = group.interactions().stream().map(InteractionView::of).toList();
        String conversationId = interactions.isEmpty() ? null : interactions.get(0).conversationId();
        return new ConversationView(conversationId, group.subject(), group.firstAt(), group.lastAt(), group.count(),
                interactions);
    }
}
