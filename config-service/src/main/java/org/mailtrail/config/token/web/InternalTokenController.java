package org.mailtrail.config.token.web;

import java.time.Instant;

import org.mailtrail.config.token.domain.GraphToken;
import org.mailtrail.config.token.domain.ConnectionTokens;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.platform.imap.ImapCredential;
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
@Tag(name = "Internal", description = "For mailtrail's services (internal role): Graph access tokens instead of secrets, and IMAP connections' credentials")
@SecurityRequirement(name = "bearer")
class InternalTokenController {

    /** What a service gets: enough to call Graph until {@code expiresAt}, and nothing it could reuse elsewhere. */
    record AccessTokenResponse(String connectionId, String accessToken, String tokenType, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessTokenResponse[connectionId=" + connectionId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** What a service signs in to an IMAP server with; {@code expiresAt} is absent for a password. */
    record ImapCredentialResponse(String connectionId, String username, ImapAuth mechanism, String secret,
            Instant expiresAt) {

        @Override
        public String toString() {
            return "ImapCredentialResponse[connectionId=" + connectionId + ", username=" + username + ", mechanism="
                    + mechanism + ", expiresAt=" + expiresAt + "]";
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

    @PostMapping("/{id}/imap-credential")
    @Operation(summary = "What the IMAP connection signs in with",
            description = "PASSWORD: the account's user name and password (expiresAt absent). XOAUTH2: an access token for Exchange Online's IMAP (scope https://outlook.office365.com/.default), cached like Graph tokens; after the server refused it (AUTHENTICATIONFAILED), pass `refused` = the SHA-256 of that token, base64url without padding. 409 when the connection is not an IMAP one or has no password or client secret, 502 when Entra refuses, 504 when it does not answer.")
    ResponseEntity<ImapCredentialResponse> imapCredential(
            @PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{43}",
                    message = "must be the SHA-256 of the refused token, base64url without padding") String refused) {
        ImapCredential credential = tokens.imapCredential(id, refused);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ImapCredentialResponse(id,
                credential.username(), credential.mechanism(), credential.secret(), credential.expiresAt()));
    }
}
