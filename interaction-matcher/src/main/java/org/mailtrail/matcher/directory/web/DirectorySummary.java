package org.mailtrail.matcher.directory.web;

/** How big the directory is: what the address index holds. */
public record DirectorySummary(int contacts, int salespeople, int addresses) {
}
