package org.mailtrail.matcher.directory.domain;

/**
 * Whether the caller of the request being served may see a contact's card. The interaction log decides (a
 * salesperson sees the contacts it has interactions with), so the directory asks through this interface rather
 * than depending on the log.
 */
public interface ContactVisibility {

    boolean visibleToCaller(String contactId);
}
