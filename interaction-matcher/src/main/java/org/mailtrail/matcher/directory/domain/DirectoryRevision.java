package org.mailtrail.matcher.directory.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One write to the directory (an upsert batch or a delete), by any instance: its number, stamped on every document it
 * wrote, and how far it got. Instances apply the directory's revisions in order, so none may pass one that is still
 * being written.
 *
 * @param reservedAt when its writer took the number, by the writer's clock
 */
public record DirectoryRevision(long number, Status status, Instant reservedAt) {

    public enum Status {
        /** Its writer is still writing: its documents may be only partly in MongoDB. */
        WRITING,
        /** Its writer wrote every document. */
        DONE,
        /**
         * Its writer failed, or gave no sign of finishing in time and was given up by another instance: what it wrote
         * stands. A writer that finds its revision given up stamps its documents again under a new one.
         */
        ABANDONED;

        public boolean finished() {
            return this != WRITING;
        }
    }

    public DirectoryRevision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reservedAt, "reservedAt");
    }
}
