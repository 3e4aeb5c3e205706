package org.mailtrail.platform.security;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Who may call an endpoint, as authorization managers for {@link EndpointAuthorization} rules. */
public final class Permissions {

    private Permissions() {
    }

    /** A person's token with any of these roles. */
    public static AuthorizationManager<RequestAuthorizationContext> people(String... roles) {
        Set<String> wanted = Arrays.stream(roles).map(role -> "ROLE_" + role).collect(Collectors.toSet());
        return (authentication, context) -> decide(authentication, granted -> granted.stream()
                .anyMatch(wanted::contains));
    }

    /**
     * Another mailtrail service granted this permission: the service role and the permission, as a scope (mailtrail's
     * own issuer) or as an app role (Entra, whose client-credentials tokens carry app roles and no scopes).
     */
    public static AuthorizationManager<RequestAuthorizationContext> service(String permission) {
        return (authentication, context) -> decide(authentication, granted -> granted.contains("ROLE_" + Roles.SERVICE)
                && (granted.contains("SCOPE_" + permission) || granted.contains("ROLE_" + permission)));
    }

    /** Any valid token, whatever its roles: for what describes the API rather than its data. */
    public static AuthorizationManager<RequestAuthorizationContext> anyCaller() {
        return (authentication, context) -> decide(authentication, granted -> true);
    }

    private static AuthorizationResult decide(Supplier<? extends Authentication> authentication,
            java.util.function.Predicate<Set<String>> rule) {
        Authentication caller = authentication.get();
        if (caller == null || !caller.isAuthenticated() || !(caller.getPrincipal() instanceof org.springframework
                .security.oauth2.jwt.Jwt)) {
            return new AuthorizationDecision(false);
        }
        Set<String> granted = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return new AuthorizationDecision(rule.test(granted));
    }
}
