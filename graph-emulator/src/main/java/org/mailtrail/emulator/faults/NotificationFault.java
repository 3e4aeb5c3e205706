package org.mailtrail.emulator.faults;

/**
 * A fault on change notifications: drop them (never delivered, as if Graph lost them) or duplicate them
 * (delivered {@code deliveries} times, in separate POSTs).
 *
 * @param count      how many notifications to affect, or {@code null} for all until cleared
 * @param fraction   the share of notifications to affect, 1.0 for every one
 * @param deliveries how often a duplicated notification is delivered in all (2 or more; ignored for a drop)
 */
public record NotificationFault(Action action, Integer count, Double fraction, int deliveries) {

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
        if (action == Action.DUPLICATE && deliveries < 2) {
            throw new IllegalArgumentException("a duplicated notification is delivered at least twice");
        }
    }

    /** A drop, or a duplicate delivered twice. */
    public NotificationFault(Action action, Integer count, Double fraction) {
        this(action, count, fraction, action == Action.DUPLICATE ? 2 : 1);
    }

    public static NotificationFault dropNext(int count) {
        return new NotificationFault(Action.DROP, count, null);
    }

    public static NotificationFault duplicateNext(int count) {
        return new NotificationFault(Action.DUPLICATE, count, null);
    }

    /** Every notification until cleared is delivered {@code deliveries} times. */
    public static NotificationFault deliverEach(int deliveries) {
        return new NotificationFault(Action.DUPLICATE, null, null, deliveries);
    }

    /** Every notification until cleared is lost. */
    public static NotificationFault dropAll() {
        return new NotificationFault(Action.DROP, null, null);
    }
}
