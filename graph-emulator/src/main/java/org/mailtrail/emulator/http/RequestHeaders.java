package org.mailtrail.emulator.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Request headers looked up without regard to case, as HTTP requires and as $batch items (a JSON object) need too. */
public final class RequestHeaders {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public static RequestHeaders of(Map<String, List<String>> source) {
        RequestHeaders headers = new RequestHeaders();
        source.forEach((name, list) -> list.forEach(value -> headers.add(name, value)));
        return headers;
    }

    public RequestHeaders add(String name, String value) {
        if (name != null && value != null) {
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return this;
    }

    public RequestHeaders set(String name, String value) {
        values.remove(name);
        return add(name, value);
    }

    public String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, Collections.emptyList());
    }

    public RequestHeaders copy() {
        RequestHeaders copy = new RequestHeaders();
        values.forEach((name, list) -> list.forEach(value -> copy.add(name, value)));
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, list) -> text.append(name.toLowerCase(Locale.ROOT)).append('=').append(list).append(' '));
        return text.toString().trim();
    }
}
