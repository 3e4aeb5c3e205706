/**
 * mail-ingestor's internal API as the matcher calls it: the current link to a mail, which only the
 * ingestor can ask Graph for.
 */
package org.mailtrail.matcher.ingestor;
