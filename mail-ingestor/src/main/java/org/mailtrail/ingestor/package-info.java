/** mail-ingestor: reads each connection's shared mailbox through Microsoft Graph and publishes what arrives. */
package org.mailtrail.ingestor;
