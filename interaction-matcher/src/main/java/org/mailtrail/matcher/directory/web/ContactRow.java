package org.mailtrail.matcher.directory.web;

import java.util.List;

/**
 * One contact as a client sends it. Everything is taken as text first, so that a wrong value is
 * reported for its row instead of failing the whole request.
 *
 * @param type {@code PERSON} or {@code COMPANY}
 * @param alternateEmails in CSV one column, the addresses separated by {@code ;}
 */
public record ContactRow(
        String contactId,
        String name,
        String type,
        String companyId,
        String companyName,
        String email,
        List<String> alternateEmails,
        Boolean privacyBlocked) {
}
