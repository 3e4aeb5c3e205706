package org.mailtrail.matcher.directory.domain;

import java.util.Set;

/**
 * Contacts or salespeople were added or changed: the normalized addresses they have now, and the domains of those
 * addresses. Published after the change is in MongoDB and in the address index, on the thread that made it, by the
 * one instance that made it, and published again by that instance on a timer once every other instance has taken
 * the change into its index at its refreshes (mail those held meanwhile is matched again then). The others publish
 * nothing, so held mail is matched again by one instance.
 */
public record DirectoryChanged(Set<String> addresses, Set<String> domains) {

    public DirectoryChanged {
        addresses = Set.copyOf(addresses);
        domains = Set.copyOf(domains);
    }
}
