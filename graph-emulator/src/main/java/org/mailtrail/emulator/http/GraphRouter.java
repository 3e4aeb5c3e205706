package org.mailtrail.emulator.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Maps Graph paths (already split by {@link ODataPath}) to handlers; literal segments match without regard to case. */
public final class GraphRouter {

    /** Handles one routed Graph call. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(GraphCall call);
    }

    /**
     * One route. {@code mailbox} names the mailbox a call addresses (as the client spelt it), which is what
     * access checks and throttling are keyed on; it returns {@code null} for calls that address none.
     */
    public record Route(String method, List<String> template, String operation, Handler handler,
                        Function<GraphCall, String> mailbox) {

        int literals() {
            return (int) template.stream().filter(segment -> !segment.startsWith("{")).count();
        }
    }

    /** A route that matched, with its path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public GraphRouter add(String method, String template, String operation, Handler handler) {
        return add(method, template, operation, handler, call -> call.param("user"));
    }

    public GraphRouter add(String method, String template, String operation, Handler handler,
                           Function<GraphCall, String> mailbox) {
        routes.add(new Route(method, ODataPath.segments(template).stream()
                .map(segment -> segment.startsWith("{") ? segment : segment.toLowerCase(java.util.Locale.ROOT))
                .toList(), operation, handler, mailbox));
        return this;
    }

    /** The best match for a method and path; an empty result with {@code pathKnown} tells 405 from 400. */
    public Optional<Match> match(String method, List<String> segments) {
        Match best = null;
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> params = bind(route.template(), segments);
            if (params != null && (best == null || route.literals() > best.route().literals())) {
                best = new Match(route, params);
            }
        }
        return Optional.ofNullable(best);
    }

    public boolean pathKnown(List<String> segments) {
        return routes.stream().anyMatch(route -> bind(route.template(), segments) != null);
    }

    private static Map<String, String> bind(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = segments.get(i);
            if (expected.startsWith("{")) {
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equalsIgnoreCase(actual)) {
                return null;
            }
        }
        return params;
    }
}
