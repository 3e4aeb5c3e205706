package org.mailtrail.matcher.interactionlog.domain;

import java.util.List;

import org.mailtrail.events.directory.ContactType;
import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.matcher.matching.domain.MatchedInteraction;

/**
 * One salesperson↔contact pair as the rules decided it, with the names the directory gave them
 * then: kept with the mail's decision so that a redelivered mail rebuilds exactly the interactions
 * decided the first time, whatever the directory says now.
 *
 * @param sharedWith contacts that share the matched address and lost the deterministic tie; absent when none did
 */
public record MatchedPair(
        String contactId,
        String contactName,
        String companyId,
        String companyName,
        String salespersonCode,
        String salespersonName,
        MatchedBy matchedBy,
        String contactAddress,
        List<String> sharedWith) {

    public static MatchedPair of(MatchedInteraction match) {
        return new MatchedPair(match.contact().id(), match.contact().name(), match.contact().effectiveCompanyId(),
                match.contact().companyName() != null ? match.contact().companyName()
                        : match.contact().type() == ContactType.COMPANY ? match.contact().name() : null,
                match.salesperson().code(), match.salesperson().name(), match.matchedBy(), match.contactAddress(),
                match.otherCandidates().isEmpty() ? null : match.otherCandidates());
    }
}
