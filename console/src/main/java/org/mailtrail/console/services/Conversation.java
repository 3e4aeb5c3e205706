package org.mailtrail.console.services;

import java.time.Instant;
import java.util.List;

/**
 * One conversation of a contact's timeline: its interactions, newest first.
 *
 * @param conversationId absent for a mail without one, which then stands alone
 * @param subject the subject of the conversation's newest mail
 */
public record Conversation(String conversationId, String subject, Instant firstAt, Instant lastAt,
        int interactionCount, List<Interaction> interactions) {

    public Conversation {
        interactions = interactions == null ? List.of() : List.copyOf(interactions);
    }
}
