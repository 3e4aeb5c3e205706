package org.mailtrail.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same fact, produced twice (a redelivered mail, a retried
 * command), gets the same id, so consumers can recognise the repeat.
 */
public final class EventIds {

    private static final char SEPARATOR = '\u001f';

    /** A name-based (type 3) UUID over the parts, which must identify the fact completely. */
    public static UUID of(String type, String... parts) {
        StringBuilder name = new StringBuilder(type);
        for (String part : parts) {
            name.append(SEPARATOR).append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }

    private EventIds() {
    }
}
