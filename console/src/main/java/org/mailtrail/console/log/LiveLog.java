package org.mailtrail.console.log;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mailtrail.console.ConsoleProperties;
import org.mailtrail.console.services.Interaction;
import org.mailtrail.console.services.LogFilter;
import org.mailtrail.console.services.Matcher;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.annotation.PostConstruct;

/**
 * Open log pages and what each last showed. When the interaction log changes (any event on
 * {@code interaction.events.v1}), each open page's first page is asked for again, with its person's own token and
 * at most once per {@link ConsoleProperties#liveInterval()}; a page is told only when what it would show changed.
 * The event itself is never shown: what a person sees is what the matcher gives them.
 */
@Component
public class LiveLog {

    /** Server-sent event a page refreshes its entries on. */
    static final String CHANGED = "logged";
    /** How many pages may listen at once, in all; each costs a request per change. */
    static final int MAX_LISTENERS = 500;
    /** How many of them one person may have open (tabs, windows), so one cannot crowd out the others. */
    static final int MAX_LISTENERS_PER_PERSON = 10;
    private static final long EMITTER_TIMEOUT_MS = 30 * 60 * 1000L;
    private static final Logger log = LoggerFactory.getLogger(LiveLog.class);

    private final Matcher matcher;
    private final Timers timers;
    private final ConsoleProperties properties;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean changed = new AtomicBoolean();

    LiveLog(Matcher matcher, Timers timers, ConsoleProperties properties) {
        this.matcher = matcher;
        this.timers = timers;
        this.properties = properties;
    }

    @PostConstruct
    void checkChangesRegularly() {
        timers.every("live log check", properties.liveInterval(), this::checkIfChanged);
    }

    SseEmitter subscribe(Authentication person, LogFilter filter) {
        if (listeners.size() >= MAX_LISTENERS) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many live pages are open");
        }
        long own = listeners.stream().filter(listener -> listener.person().getName().equals(person.getName())).count();
        if (own >= MAX_LISTENERS_PER_PERSON) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    "at most " + MAX_LISTENERS_PER_PERSON + " live log pages per person");
        }
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
        Listener listener = new Listener(person, filter, emitter, newest(person, filter));
        listeners.add(listener);
        emitter.onCompletion(() -> listeners.remove(listener));
        emitter.onTimeout(() -> listeners.remove(listener));
        emitter.onError(error -> listeners.remove(listener));
        return emitter;
    }

    /** The interaction log changed somewhere. */
    public void logChanged() {
        changed.set(true);
    }

    int listening() {
        return listeners.size();
    }

    void checkIfChanged() {
        if (!changed.getAndSet(false)) {
            return;
        }
        for (Listener listener : List.copyOf(listeners)) {
            String newest;
            try {
                newest = newest(listener.person(), listener.filter());
            } catch (ServiceProblem e) {
                log.debug("live log check failed: {}", e.getMessage());
                continue;
            } catch (ClientAuthorizationRequiredException e) {
                // The person's sign-in ran out: the page stops listening, and its next request signs in again.
                listeners.remove(listener);
                listener.emitter().complete();
                continue;
            }
            if (!Objects.equals(newest, listener.newest())) {
                listener.newest(newest);
                try {
                    listener.emitter().send(SseEmitter.event().name(CHANGED).data(newest == null ? "" : newest));
                } catch (IOException | IllegalStateException gone) {
                    listeners.remove(listener);
                }
            }
        }
    }

    /** The id of the newest entry the person sees under the filter, asked as the person. */
    private String newest(Authentication person, LogFilter filter) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(person);
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            List<Interaction> first = matcher.interactions(filter, null, 1).items();
            return first.isEmpty() ? null : first.get(0).id() + "@" + first.get(0).loggedAt();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static final class Listener {
        private final Authentication person;
        private final LogFilter filter;
        private final SseEmitter emitter;
        private volatile String newest;

        Listener(Authentication person, LogFilter filter, SseEmitter emitter, String newest) {
            this.person = person;
            this.filter = filter;
            this.emitter = emitter;
            this.newest = newest;
        }

        Authentication person() {
            return person;
        }

        LogFilter filter() {
            return filter;
        }

        SseEmitter emitter() {
            return emitter;
        }

        String newest() {
            return newest;
        }

        void newest(String value) {
            newest = value;
        }
    }
}
