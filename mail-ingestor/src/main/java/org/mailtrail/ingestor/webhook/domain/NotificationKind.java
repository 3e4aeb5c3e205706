package org.mailtrail.ingestor.webhook.domain;

/** Which of the two webhook URLs a delivery came to; the {@code type} tag of the notification metric. */
public enum NotificationKind {
    CHANGE("change"),
    LIFECYCLE("lifecycle");

    private final String tag;

    NotificationKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
