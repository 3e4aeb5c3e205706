package org.mailtrail.matcher.interactionlog.web;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.mailtrail.matcher.interactionlog.domain.Conversation;
import org.mailtrail.matcher.interactionlog.domain.Interaction;
import org.mailtrail.matcher.interactionlog.domain.MailSource;

/**
 * One conversation of a contact's timeline.
 *
 * @param conversationId absent for a mail without one, which then stands alone
 * @param subject the subject of the conversation's newest mail
 */
public record ConversationView(String conversationId, String subject, Instant firstAt, Instant lastAt,
        int interactionCount, List<InteractionView> interactions) {

    static ConversationView of(Conversation group, Function<Interaction, MailSource> sources) {
        List<InteractionView> interactions = group.interactions().stream()
                .map(interaction -> InteractionView.of(interaction, sources.apply(interaction))).toList();
        String conversationId = interactions.isEmpty() ? null : interactions.get(0).conversationId();
        return new ConversationView(conversationId, group.subject(), group.firstAt(), group.lastAt(), group.count(),
                interactions);
    }
}
