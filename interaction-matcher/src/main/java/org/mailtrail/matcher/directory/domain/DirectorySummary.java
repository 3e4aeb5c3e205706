package org.mailtrail.matcher.directory.domain;

/** How big the directory is: what the address index holds. */
public record DirectorySummary(int contacts, int salespeople, int addresses) {
}
