package org.mailtrail.emulator.mailbox;

/**
 * Liberties Graph takes with delta rounds that a client must survive, each off unless switched on. Graph's delta
 * query overview says a client may see an item more than once in a round, pages may come back empty with a
 * nextLink, and items are in no particular order.
 *
 * @param emptyPages the first page of every round is empty, with a nextLink to the content
 * @param repeatAcrossPages each page after the first starts with the last item of the page before
 * @param unordered the items of a round come in random order
 */
public record DeltaQuirks(boolean emptyPages, boolean repeatAcrossPages, boolean unordered) {

    public static final DeltaQuirks NONE = new DeltaQuirks(false, false, false);
    public static final DeltaQuirks ALL = new DeltaQuirks(true, true, true);
}
