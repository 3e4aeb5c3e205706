package org.mailtrail.emulator.faults;

/**
 * A fault on change notifications: drop them (never delivered, as if Graph lost them) or duplicate them
 * (delivered twice, in separate POSTs).
 *
 * @param count    how many notifications to affect, or {@code null} for all until cleared
 * @param fraction the share of notifications to affect, 1.0 for every one
 */
public record NotificationFault(Action action, Integer count, Double fraction) {

    /** What happens to an affected notification. */
    public enum Action {
        DROP, DUPLICATE
    }

    public NotificationFault {
        if (action == null) {
            throw new IllegalArgumentException("action is drop or duplicate");
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (fraction != null && (fraction <= 0 || fraction > 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]");
        }
    }

    public static NotificationFault dropNext(int count) {
        return new NotificationFault(Action.DROP, count, null);
    }

    public static NotificationFault duplicateNext(int count) {
        return new NotificationFault(Action.DUPLICATE, count, null);
    }
}
