package org.mailtrail.matcher.directory.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mailtrail.events.directory.ContactType;
import org.mailtrail.matcher.directory.domain.Addresses;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.Salesperson;

/** Turns rows into directory entries, or says for each field what is wrong with it. */
final class RowValidation {

    static final int MAX_ID_LENGTH = 100;

    private RowValidation() {
    }

    static Optional<Contact> contact(ContactRow row, int line, List<RowProblem> problems) {
        int before = problems.size();
        String id = requiredId(row.contactId(), "contactId", line, problems);
        ContactType type = contactType(row.type(), line, problems);
        String email = trimmed(row.email());
        if (email != null && !Addresses.isPlausible(email)) {
            problems.add(new RowProblem(line, "email", "not an e-mail address: '" + email + "'"));
        }
        List<String> alternates = addresses(row.alternateEmails(), "alternateEmails", line, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Contact(id, trimmed(row.name()), type, trimmed(row.companyId()),
                trimmed(row.companyName()), email, alternates, Boolean.TRUE.equals(row.privacyBlocked())));
    }

    static Optional<Salesperson> salesperson(SalespersonRow row, int line, List<RowProblem> problems) {
        int before = problems.size();
        String code = requiredId(row.code(), "code", line, problems);
        List<String> emails = addresses(row.emails(), "emails", line, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Salesperson(code, trimmed(row.name()), emails));
    }

    private static String requiredId(String value, String field, int line, List<RowProblem> problems) {
        String id = trimmed(value);
        if (id == null) {
            problems.add(new RowProblem(line, field, "must not be blank"));
        } else if (id.length() > MAX_ID_LENGTH) {
            problems.add(new RowProblem(line, field, "must be at most " + MAX_ID_LENGTH + " characters"));
        }
        return id;
    }

    private static ContactType contactType(String value, int line, List<RowProblem> problems) {
        String type = trimmed(value);
        if (type == null) {
            problems.add(new RowProblem(line, "type", "must be PERSON or COMPANY"));
            return null;
        }
        try {
            return ContactType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new RowProblem(line, "type", "must be PERSON or COMPANY, not '" + type + "'"));
            return null;
        }
    }

    private static List<String> addresses(List<String> values, String field, int line, List<RowProblem> problems) {
        List<String> addresses = new ArrayList<>();
        if (values == null) {
            return addresses;
        }
        for (String value : values) {
            String address = trimmed(value);
            if (address == null) {
                continue;
            }
            if (Addresses.isPlausible(address)) {
                addresses.add(address);
            } else {
                problems.add(new RowProblem(line, field, "not an e-mail address: '" + address + "'"));
            }
        }
        return addresses;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
