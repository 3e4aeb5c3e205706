/** The per-connection disposition worker and how one batch is built and read. */
package org.mailtrail.ingestor.disposition.domain;
