package org.mailtrail.emulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Prefer} preferences of one request. Clients send them as several headers or comma-joined in one;
 * both arrive here as the same map.
 */
public final class Preferences {

    private final Map<String, String> values = new LinkedHashMap<>();

    public static Preferences of(List<String> headerValues) {
        Preferences preferences = new Preferences();
        for (String header : headerValues) {
            for (String part : splitOutsideQuotes(header)) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                String name = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : unquote(trimmed.substring(eq + 1).trim());
                preferences.values.put(name, value);
            }
        }
        return preferences;
    }

    public Optional<Integer> maxPageSize() {
        String value = values.get("odata.maxpagesize");
        if (value == null) {
            return Optional.empty();
        }
        try {
            int size = Integer.parseInt(value);
            return size > 0 ? Optional.of(size) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean immutableIds() {
        return "immutableid".equalsIgnoreCase(values.getOrDefault("idtype", ""));
    }

    public Optional<String> bodyContentType() {
        return Optional.ofNullable(values.get("outlook.body-content-type")).map(v -> v.toLowerCase(Locale.ROOT));
    }

    private static List<String> splitOutsideQuotes(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if ((c == ',' || c == ';') && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
