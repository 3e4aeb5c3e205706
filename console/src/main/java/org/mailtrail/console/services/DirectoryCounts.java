package org.mailtrail.console.services;

/** How big the matcher's directory is: contacts, salespeople, and the addresses it matches mail on. */
public record DirectoryCounts(int contacts, int salespeople, int addresses) {
}
