package org.mailtrail.matcher.directory.domain;

import java.util.List;

import org.mailtrail.events.interaction.MatchedBy;

/**
 * The contact an address resolved to, and how.
 *
 * @param address the normalized address that matched
 * @param otherCandidates the other contacts that share the address, which lost to {@code contact}
 */
public record ContactHit(Contact contact, MatchedBy matchedBy, String address, List<String> otherCandidates) {

    public ContactHit {
        otherCandidates = List.copyOf(otherCandidates);
    }
}
