/**
 * Chaos on demand: Graph requests answered 429, 503 or late, and change notifications dropped or duplicated,
 * for the next N occurrences or a fraction of them.
 */
package org.mailtrail.emulator.faults;
