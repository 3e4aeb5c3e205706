package org.mailtrail.opportunity.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.mailtrail.platform.security.Caller;
import org.mailtrail.platform.security.Roles;
import org.springframework.stereotype.Component;

/**
 * The caller of a request as a reader of opportunities. A salesperson's salespeople are asked of the matcher once
 * per token and minute, so a page of requests costs one lookup.
 */
@Component
public class Visibilities {

    private static final Duration REMEMBERED = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(Set<String> codes, Instant until) {
    }

    private final MatcherClient matcher;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    Visibilities(MatcherClient matcher, Clock clock) {
        this.matcher = matcher;
        this.clock = clock;
    }

    public Visibility current() {
        Caller caller = Caller.current();
        if (caller.has(Roles.SALES_MANAGER)) {
            return new Visibility(true, Set.of(), caller.name());
        }
        return new Visibility(false, salespersonCodes(caller.token()), caller.name());
    }

    /** Whether the caller may see, and so promote, this interaction. */
    public boolean seesInteraction(Visibility visibility, String interactionId) {
        return visibility.all() || matcher.seesInteraction(interactionId, Caller.current().token());
    }

    private Set<String> salespersonCodes(String token) {
        Instant now = clock.instant();
        synchronized (remembered) {
            Remembered known = remembered.get(token);
            if (known != null && known.until().isAfter(now)) {
                return known.codes();
            }
        }
        Set<String> codes = matcher.salespersonCodes(token);
        synchronized (remembered) {
            remembered.put(token, new Remembered(codes, now.plus(REMEMBERED)));
        }
        return codes;
    }
}
