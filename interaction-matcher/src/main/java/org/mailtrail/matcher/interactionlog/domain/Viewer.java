package org.mailtrail.matcher.interactionlog.domain;

import java.util.Set;

/**
 * Whose interactions a reader may see: every salesperson's (a sales manager), or those of the salespeople the
 * reader is (a salesperson: normally one, none when the directory does not know its address). What a reader may
 * not see does not exist for it: a list leaves it out, a lookup answers not found.
 *
 * @param salespersonCodes the salespeople whose interactions are visible; ignored when {@code all}
 */
public record Viewer(boolean all, Set<String> salespersonCodes) {

    public Viewer {
        salespersonCodes = Set.copyOf(salespersonCodes);
    }

    public static Viewer everyone() {
        return new Viewer(true, Set.of());
    }

    public static Viewer salespeople(Set<String> codes) {
        return new Viewer(false, codes);
    }

    public boolean sees(Interaction interaction) {
        return all || salespersonCodes.contains(interaction.pair().salespersonCode());
    }
}
