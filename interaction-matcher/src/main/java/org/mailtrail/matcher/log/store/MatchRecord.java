package org.mailtrail.matcher.log.store;

import java.util.List;

import org.mailtrail.events.directory.ContactType;
import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.matcher.matching.domain.MatchedInteraction;

/**
 * One salesperson↔contact pair as the rules decided it, kept on the message so that a redelivered
 * mail rebuilds exactly the interactions decided the first time, whatever the directory says now.
 */
public record MatchRecord(
        String contactId,
        String contactName,
        String companyId,
        String companyName,
        String salespersonCode,
        String salespersonName,
        MatchedBy matchedBy,
        String contactAddress,
        List<String> sharedWith) {

    static MatchRecord of(MatchedInteraction match) {
        return new MatchRecord(match.contact().id(), match.contact().name(), match.contact().effectiveCompanyId(),
                match.contact().companyName() != null ? match.contact().companyName()
                        : match.contact().type() == ContactType.COMPANY
                                ? match.contact().name() : null,
                match.salesperson().code(), match.salesperson().name(), match.matchedBy(), match.contactAddress(),
                match.otherCandidates().isEmpty() ? null : match.otherCandidates());
    }
}
