package org.mailtrail.matcher.directory.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A salesperson, matched on any of its addresses. */
public record Salesperson(String code, String name, List<String> emails) {

    public Salesperson {
        Objects.requireNonNull(code, "code");
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    /** The normalized addresses without repeats. */
    public Set<String> addresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (String email : emails) {
            String normalized = Addresses.normalize(email);
            if (normalized != null) {
                addresses.add(normalized);
            }
        }
        return addresses;
    }
}
