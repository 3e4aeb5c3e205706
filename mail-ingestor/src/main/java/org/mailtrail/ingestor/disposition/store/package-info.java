/**
 * Every command received, keyed by its event id: pending until carried out, then kept as the record that it was,
 * with its result event in the document's outbox until the broker has it.
 */
package org.mailtrail.ingestor.disposition.store;
