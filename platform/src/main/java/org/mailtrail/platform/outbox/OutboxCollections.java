package org.mailtrail.platform.outbox;

import java.util.List;

/**
 * The collections whose documents carry an outbox, in the order the relay works through them: where
 * one collection's events must reach subscribers before another's (an interaction's
 * InteractionLogged before its mail's disposition), the first is named first. A service declares
 * one bean of this type; without it no relay runs.
 */
public record OutboxCollections(List<String> inOrder) {

    public OutboxCollections {
        inOrder = List.copyOf(inOrder);
    }

    public static OutboxCollections of(String... collections) {
        return new OutboxCollections(List.of(collections));
    }
}
