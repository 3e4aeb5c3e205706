package org.mailtrail.emulator.http;

/**
 * Who a Graph request acts for, as proven by its bearer token.
 *
 * @param userId  the signed-in user's object id for delegated tokens, {@code null} for app-only tokens
 * @param userPrincipalName the signed-in user's name for delegated tokens, {@code null} for app-only tokens
 */
public record Caller(String tenantId, String appId, String userId, String userPrincipalName) {

    public boolean delegated() {
        return userId != null;
    }
}
