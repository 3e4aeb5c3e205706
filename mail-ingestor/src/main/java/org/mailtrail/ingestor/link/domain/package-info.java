/** Reads a message's current link from Graph. */
package org.mailtrail.ingestor.link.domain;
