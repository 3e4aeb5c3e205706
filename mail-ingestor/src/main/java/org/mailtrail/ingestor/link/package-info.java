/**
 * Fresh links to logged mail: the matcher asks for a message's {@code webLink} by its immutable id, and gets the
 * one Graph gives now, so a link keeps working after the mail was moved (a stored link breaks on any move).
 */
package org.mailtrail.ingestor.link;
