package org.mailtrail.opportunity.security;

import java.util.Set;

/**
 * Whose opportunities and promotions a caller may see: every salesperson's, or those of the salespeople it is.
 * What it may not see does not exist for it (404, left out of lists).
 *
 * @param salespersonCodes the salespeople the caller is; ignored when {@code all}
 * @param caller the name promotions record as requestedBy
 */
public record Visibility(boolean all, Set<String> salespersonCodes, String caller) {

    public Visibility {
        salespersonCodes = Set.copyOf(salespersonCodes);
    }

    public boolean sees(String salespersonCode) {
        return all || salespersonCodes.contains(salespersonCode);
    }

    /** For list queries: null when every salesperson's are visible. */
    public Set<String> visibleTo() {
        return all ? null : salespersonCodes;
    }
}
