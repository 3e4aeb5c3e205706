package org.mailtrail.matcher.directory.domain;

import java.util.Set;

/**
 * The directory revisions an instance applies in one go: every one above {@code after} up to {@code upTo}, except
 * its own, which it applied when it wrote them.
 */
public record RevisionRange(long after, long upTo, Set<Long> skipped) {

    public RevisionRange {
        if (upTo <= after) {
            throw new IllegalArgumentException("an empty range of revisions: (" + after + ", " + upTo + "]");
        }
        skipped = Set.copyOf(skipped);
    }
}
