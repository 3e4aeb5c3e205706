/**
 * Carries out the matcher's dispositions: ARCHIVE moves a mail to the connection's archive folder, HOLD to the
 * hold folder the command names (made when missing), DELETE moves it to Deleted Items (or soft- or permanently
 * deletes it from the folder it is in, as the connection's delete mode says), LEAVE leaves it. Commands are kept in MongoDB as they arrive (so the Kafka offset can move on without losing one), grouped
 * per mailbox into {@code $batch} requests of up to 20, and each result is stored with its command, in the same
 * write that marks it done, and published from there on {@code mail.archived.v1}.
 */
package org.mailtrail.ingestor.disposition;
