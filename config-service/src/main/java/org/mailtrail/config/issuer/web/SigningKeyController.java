package org.mailtrail.config.issuer.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.mailtrail.config.audit.domain.AuditAction;
import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.config.issuer.domain.SigningKey;
import org.mailtrail.config.issuer.domain.SigningKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/issuer/keys")
@ConditionalOnBooleanProperty("mailtrail.issuer.enabled")
@Tag(name = "Issuer keys", description = "The embedded issuer's signing keys (ids and times, never key material) and their rotation")
@SecurityRequirement(name = "bearer")
class SigningKeyController {

    /** A key as an administrator may see it. */
    record KeyView(String kid, long generation, Instant createdAt, Instant activeFrom, Instant retiredAt) {

        static KeyView of(SigningKey key) {
            return new KeyView(key.kid(), key.generation(), key.createdAt(), key.activeFrom(), key.retiredAt());
        }
    }

    /** What a rotation made. */
    record RotatedKey(String kid, long generation, Instant activeFrom) {
    }

    private final SigningKeys keys;
    private final AuditLog audit;

    SigningKeyController(SigningKeys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The signing keys, oldest generation first",
            description = "Kid, generation, when each was made, when it signs from and when it was retired. Retired keys stay in /oauth2/jwks for the longest token lifetime and five minutes, then are deleted.")
    List<KeyView> list() {
        return keys.all().stream().map(KeyView::of).toList();
    }

    @PostMapping("/rotate")
    @Operation(summary = "Make a new signing key and retire the current one",
            description = "The new key is published at once and signs from activeFrom (one key-cache period later, so every replica publishes it first); the old key signs until then and stays published while its tokens may be alive. Answers 201.")
    ResponseEntity<RotatedKey> rotate(Principal caller) {
        SigningKey key = keys.rotate();
        audit.record(caller.getName(), AuditAction.ISSUER_KEY_ROTATED, null, null, List.of(), Map.of(
                "kid", key.kid(), "generation", Long.toString(key.generation()), "activeFrom", key.activeFrom().toString()));
        return ResponseEntity.created(URI.create("/api/issuer/keys")).body(new RotatedKey(key.kid(), key.generation(),
                key.activeFrom()));
    }
}
