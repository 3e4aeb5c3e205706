package org.mailtrail.matcher.directory.domain;

import java.util.Set;

/**
 * Contacts or salespeople were added or changed: the normalized addresses they have now, and the domains of those
 * addresses. Published after the change is in MongoDB and in the address index, on the thread that made it, by the
 * one instance that made it: the others take the change into their index at their next refresh and publish nothing,
 * so held mail is matched again once.
 */
public record DirectoryChanged(Set<String> addresses, Set<String> domains) {

    public DirectoryChanged {
        addresses = Set.copyOf(addresses);
        domains = Set.copyOf(domains);
    }
}
