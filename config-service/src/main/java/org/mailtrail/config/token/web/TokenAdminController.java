package org.mailtrail.config.token.web;

import java.security.Principal;

import org.mailtrail.config.token.domain.ConnectionTokens;
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

    private final ConnectionTokens tokens;

    TokenAdminController(ConnectionTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/{id}/renew-token")
    @Operation(summary = "Renew the connection's token now",
            description = "Acquires a new access token (DELEGATED: with the stored refresh token, keeping the rotated one) and replaces the cached one.")
    ConnectionTokens.RenewedToken renew(@PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
            Principal caller) {
        return tokens.renew(id, caller.getName());
    }
}
