package org.mailtrail.console.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A contact as interaction-matcher's directory knows it: a person, or a company persons belong to.
 *
 * @param type {@code PERSON} or {@code COMPANY}
 * @param companyId the company a person belongs to; a company's own id for a company
 * @param email the primary address; {@code alternateEmails} match as well
 * @param privacyBlocked the contact asked not to be logged
 */
public record ContactCard(String id, String name, String type, String companyId, String companyName, String email,
        List<String> alternateEmails, boolean privacyBlocked) {

    public ContactCard {
        alternateEmails = alternateEmails == null ? List.of() : List.copyOf(alternateEmails);
    }

    public boolean isCompany() {
        return "COMPANY".equals(type);
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    /** The company a person belongs to, when it is another contact than itself. */
    public boolean hasCompany() {
        return !isCompany() && companyId != null && !companyId.isBlank() && !companyId.equals(id);
    }

    /** Every address the contact is matched on, the primary one first, each once. */
    public List<String> addresses() {
        List<String> all = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        add(all, seen, email);
        alternateEmails.forEach(address -> add(all, seen, address));
        return all;
    }

    private static void add(List<String> all, List<String> seen, String address) {
        if (address == null || address.isBlank()) {
            return;
        }
        String key = address.trim().toLowerCase(Locale.ROOT);
        if (!seen.contains(key)) {
            seen.add(key);
            all.add(address.trim());
        }
    }
}
