package org.mailtrail.matcher.directory.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.mailtrail.events.directory.ContactType;

/**
 * A contact: a person, or a company persons belong to. It matches a mail address on its primary
 * address or on any alternate one.
 *
 * @param companyId the company contact a person belongs to; a company's own id for a company
 * @param privacyBlocked the contact asked not to be logged (honoured where the connection says so)
 */
public record Contact(
        String id,
        String name,
        ContactType type,
        String companyId,
        String companyName,
        String email,
        List<String> alternateEmails,
        boolean privacyBlocked) {

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        alternateEmails = alternateEmails == null ? List.of() : List.copyOf(alternateEmails);
    }

    /** The normalized primary address, or {@code null} when the contact has none. */
    public String primaryAddress() {
        return Addresses.normalize(email);
    }

    /** The normalized alternate addresses, without the primary one and without repeats. */
    public Set<String> alternateAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (String alternate : alternateEmails) {
            String normalized = Addresses.normalize(alternate);
            if (normalized != null) {
                addresses.add(normalized);
            }
        }
        addresses.remove(primaryAddress());
        return addresses;
    }

    /** Every normalized address, the primary one first. */
    public List<String> addresses() {
        List<String> all = new ArrayList<>();
        if (primaryAddress() != null) {
            all.add(primaryAddress());
        }
        all.addAll(alternateAddresses());
        return all;
    }

    /** The company the contact's interactions are filed under: its own id for a company. */
    public String effectiveCompanyId() {
        return type == ContactType.COMPANY ? id : companyId;
    }
}
