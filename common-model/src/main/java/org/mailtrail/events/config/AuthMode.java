package org.mailtrail.events.config;

/** How a connection authenticates against Microsoft Graph. */
public enum AuthMode {
    /** Client credentials with application permissions; push notifications possible. */
    APPLICATION,
    /** Authorization code and refresh token for a user; shared mailboxes cannot push, so polling only. */
    DELEGATED
}
