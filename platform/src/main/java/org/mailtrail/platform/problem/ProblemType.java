package org.mailtrail.platform.problem;

import java.net.URI;

/**
 * One kind of error an API answers with: a stable {@code type} URI clients match on (never the
 * title, which may be reworded), the HTTP status and a short title. Each service lists its types in
 * one catalogue, and its README documents every one of them.
 *
 * @param name the last part of the type URI, e.g. {@code connection-not-found}
 */
public record ProblemType(String name, int status, String title) {

    /** Type URIs are URNs: they identify, they are not pages to fetch. */
    public static final String URI_PREFIX = "urn:mailtrail:problem:";

    public ProblemType {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a problem type name is lower-case words joined by '-': " + name);
        }
    }

    public URI uri() {
        return URI.create(URI_PREFIX + name);
    }
}
