package org.mailtrail.config.token.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.mailtrail.config.audit.domain.AuditAction;
import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.mailtrail.config.token.domain.DelegatedGrant;
import org.mailtrail.config.token.domain.DelegatedGrants;
import org.mailtrail.config.token.domain.GraphToken;
import org.mailtrail.config.token.domain.TokenBroker;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/connections")
@Validated
@Tag(name = "Connections")
@SecurityRequirement(name = "bearer")
class TokenAdminController {

    /** The outcome of a renewal; the token itself stays inside the service. */
    record RenewedToken(String connectionId, Instant expiresAt, String account) {
    }

    private final ConnectionService connections;
    private final TokenBroker broker;
    private final DelegatedGrants grants;
    private final AuditLog audit;

    TokenAdminController(ConnectionService connections, TokenBroker broker, DelegatedGrants grants, AuditLog audit) {
        this.connections = connections;
        this.broker = broker;
        this.grants = grants;
        this.audit = audit;
    }

    @PostMapping("/{id}/renew-token")
    @Operation(summary = "Renew the connection's token now",
            description = "Acquires a new access token (DELEGATED: with the stored refresh token, keeping the rotated one) and replaces the cached one.")
    RenewedToken renew(@PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id, Principal caller) {
        Connection connection = connections.get(id);
        GraphToken token = broker.renew(connection);
        audit.record(caller.getName(), AuditAction.TOKEN_RENEWED, id, connection.revision(), List.of(), Map.of());
        String account = grants.find(id).map(DelegatedGrant::account).orElse(null);
        return new RenewedToken(id, token.expiresAt(), account);
    }
}
