package org.mailtrail.matcher.matching.domain;

import java.util.List;

import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.Salesperson;

/**
 * One salesperson↔contact pair a mail connects.
 *
 * @param contactAddress the address of the mail that matched the contact
 * @param otherCandidates contacts that share {@code contactAddress} and lost the tie
 */
public record MatchedInteraction(Contact contact, Salesperson salesperson, MatchedBy matchedBy, String contactAddress,
        List<String> otherCandidates) {

    public MatchedInteraction {
        otherCandidates = List.copyOf(otherCandidates);
    }
}
