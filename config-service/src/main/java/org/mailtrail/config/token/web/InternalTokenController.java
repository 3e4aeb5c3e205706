package org.mailtrail.config.token.web;

import java.time.Instant;

import org.mailtrail.config.token.domain.GraphToken;
import org.mailtrail.config.token.domain.ConnectionTokens;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/internal/connections")
@Validated
@Tag(name = "Internal", description = "For mailtrail's services (internal role): Graph access tokens instead of secrets")
@SecurityRequirement(name = "bearer")
class InternalTokenController {

    /** What a service gets: enough to call Graph until {@code expiresAt}, and nothing it could reuse elsewhere. */
    record AccessTokenResponse(String connectionId, String accessToken, String tokenType, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessTokenResponse[connectionId=" + connectionId + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final ConnectionTokens tokens;

    InternalTokenController(ConnectionTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/{id}/token")
    @Operation(summary = "A Graph access token for the connection",
            description = "Cached until shortly before expiry: many callers cause one token request at Entra. After Graph refused a token (401), pass `refused` = the SHA-256 of that token, base64url without padding: when it is still the cached one, a new token is acquired. 409 when the connection's setup gives no token (no secret, no consent), 502 when Entra refuses, 504 when it does not answer.")
    ResponseEntity<AccessTokenResponse> token(@PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{43}",
                    message = "must be the SHA-256 of the refused token, base64url without padding") String refused) {
        GraphToken token = refused == null ? tokens.token(id) : tokens.replacing(id, refused);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new AccessTokenResponse(id, token.accessToken(), "Bearer", token.expiresAt()));
    }
}
