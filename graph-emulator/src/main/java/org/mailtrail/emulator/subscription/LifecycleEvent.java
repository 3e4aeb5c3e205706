package org.mailtrail.emulator.subscription;

/** Graph's lifecycle events, spelt as they appear in {@code lifecycleEvent}. */
public enum LifecycleEvent {
    reauthorizationRequired, subscriptionRemoved, missed;

    public static LifecycleEvent parse(String value) {
        for (LifecycleEvent event : values()) {
            if (event.name().equalsIgnoreCase(value)) {
                return event;
            }
        }
        throw new IllegalArgumentException("lifecycle event is reauthorizationRequired, subscriptionRemoved or missed, not " + value);
    }
}
