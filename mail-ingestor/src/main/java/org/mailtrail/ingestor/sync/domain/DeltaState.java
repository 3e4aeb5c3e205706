package org.mailtrail.ingestor.sync.domain;

/**
 * Where a connection's sync stands.
 *
 * @param folder the folder as Graph takes it; a link of another mailbox or folder is not continued
 * @param link the page to read next: a nextLink in the middle of a round, the deltaLink after it
 * @param roundComplete whether {@code link} is a deltaLink
 */
public record DeltaState(String mailbox, String folder, String link, boolean roundComplete) {
}
