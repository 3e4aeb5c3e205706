package org.mailtrail.config;

import org.mailtrail.testsupport.security.Allowed;
import org.mailtrail.testsupport.security.AuthorizationMatrix;
import org.mailtrail.testsupport.security.TestIssuer;
import org.mailtrail.testsupport.security.Tokens;

/** config-service's endpoints and who may call each: its authorization matrix, against the JVM's TestIssuer. */
public final class ConfigServiceMatrix {

    private ConfigServiceMatrix() {
    }

    public static AuthorizationMatrix of(int port) {
        Allowed admin = Allowed.roles("mailtrail-admin");
        return AuthorizationMatrix.of("http://127.0.0.1:" + port, TestIssuer.shared())
                .audience(Tokens.PEOPLE).serviceAudience("mailtrail-config-service")
                .documentRequiresToken()
                // The browser's return from Microsoft's consent page: it carries the consent's one-time state.
                .open("GET /oauth/callback")
                .rule("POST /internal/connections/{id}/token",
                        Allowed.service("connections.token", "mailtrail-config-service"))
                .rule("POST /internal/connections/{id}/imap-credential",
                        Allowed.service("connections.token", "mailtrail-config-service"))
                .rule("POST /api/connections", admin)
                .rule("GET /api/connections", admin)
                .rule("GET /api/connections/{id}", admin)
                .rule("PUT /api/connections/{id}", admin)
                .rule("DELETE /api/connections/{id}", admin)
                .rule("POST /api/connections/{id}/enable", admin)
                .rule("POST /api/connections/{id}/disable", admin)
                .rule("POST /api/connections/{id}/check", admin)
                .rule("GET /api/connections/{id}/check", admin)
                .rule("GET /api/connections/{id}/consent", admin)
                .rule("POST /api/connections/{id}/renew-token", admin)
                .rule("GET /api/connection-states", Allowed.roles("salesperson", "sales-manager", "mailtrail-admin"))
                .rule("GET /api/audit", admin)
                .rule("GET /api/secrets/keyset", admin)
                .rule("POST /api/secrets/re-encrypt", admin)
                .pathValue("id", "matrix-no-such-connection");
    }

    /** The same, with the embedded issuer's key management (present only where the issuer is enabled). */
    public static AuthorizationMatrix withIssuer(int port) {
        Allowed admin = Allowed.roles("mailtrail-admin");
        return of(port).rule("GET /api/issuer/keys", admin).rule("POST /api/issuer/keys/rotate", admin);
    }
}
