package org.mailtrail.matcher.interactionlog.domain;

import java.time.Instant;
import java.util.List;

/**
 * A contact's interactions of one conversation, newest first.
 *
 * @param conversationKey the interactions' {@link Interaction.Mail#conversationKey()}
 * @param subject the newest mail's subject
 */
public record Conversation(String conversationKey, Instant lastAt, Instant firstAt, int count, String subject,
        List<Interaction> interactions) {

    public Conversation {
        interactions = List.copyOf(interactions);
    }
}
