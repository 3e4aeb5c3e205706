package org.mailtrail.config.consent.web;

import java.security.Principal;

import org.mailtrail.config.consent.domain.ConsentResult;
import org.mailtrail.config.consent.domain.ConsentService;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

@RestController
@Validated
@Tag(name = "Consent", description = "DELEGATED connections: user consent through Entra's authorization-code flow")
class ConsentController {

    private final ConsentService consents;

    ConsentController(ConsentService consents) {
        this.consents = consents;
    }

    @GetMapping("/api/connections/{id}/consent")
    @Operation(summary = "Start consent: redirects (302) to the authority's authorize URL",
            description = "changeAccount=true adds prompt=select_account, so another account can be picked. The connection's redirectUrl must be this service's /oauth/callback.")
    ResponseEntity<Void> start(@PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
            @RequestParam(defaultValue = "false") boolean changeAccount, Principal caller) {
        return ResponseEntity.status(302).location(consents.start(id, changeAccount, caller.getName()))
                .cacheControl(CacheControl.noStore()).build();
    }

    @GetMapping("/oauth/callback")
    @Operation(summary = "Where the authority sends the browser back with the code; stores the refresh token encrypted",
            description = "Open to unauthenticated callers (a browser redirect carries no bearer token); the one-time state ties it to a consent an administrator started.")
    ResponseEntity<ConsentResult> callback(@RequestParam(required = false) String code,
            @RequestParam(required = false) String state, @RequestParam(required = false) String error,
            @Parameter(name = "error_description") @RequestParam(name = "error_description", required = false) String errorDescription) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(consents.complete(state, code, error, errorDescription));
    }
}
