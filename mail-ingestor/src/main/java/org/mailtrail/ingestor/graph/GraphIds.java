package org.mailtrail.ingestor.graph;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** What can be read from Graph's identifiers without another request. */
public final class GraphIds {

    private GraphIds() {
    }

    /**
     * The regular id of a message, which Outlook on the web's {@code webLink} carries as {@code ItemID}. With
     * immutable ids preferred, it is the one place Graph still shows the regular id; absent when the link has
     * none.
     */
    public static String regularIdFromWebLink(String webLink) {
        if (webLink == null) {
            return null;
        }
        String query;
        try {
            query = URI.create(webLink).getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).equalsIgnoreCase("ItemID")) {
                return URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
