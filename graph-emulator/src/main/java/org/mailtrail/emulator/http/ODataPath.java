package org.mailtrail.emulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Graph path into plain segments. OData key syntax ({@code mailFolders('Inbox')}) becomes two segments
 * and function calls ({@code delta()}) lose their parentheses, so one route matches every spelling a client uses.
 */
public final class ODataPath {

    private static final Pattern KEYED = Pattern.compile("^([A-Za-z_$][A-Za-z0-9_.$]*)\\((.*)\\)$");

    private ODataPath() {
    }

    public static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment = ApiRequest.decodePathSegment(raw);
            Matcher keyed = KEYED.matcher(segment);
            if (keyed.matches()) {
                segments.add(keyed.group(1));
                String key = keyed.group(2).trim();
                if (key.startsWith("id=")) {
                    key = key.substring(3);
                }
                if (key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
                    key = key.substring(1, key.length() - 1).replace("''", "'");
                }
                if (!key.isEmpty()) {
                    segments.add(key);
                }
            } else {
                segments.add(segment);
            }
        }
        return segments;
    }
}
