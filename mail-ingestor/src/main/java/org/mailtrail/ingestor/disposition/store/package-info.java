/** Every command received, keyed by its event id: pending until carried out, then kept as the record that it was. */
package org.mailtrail.ingestor.disposition.store;
