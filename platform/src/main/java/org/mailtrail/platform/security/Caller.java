package org.mailtrail.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as the token says: its subject, its roles, and the e-mail addresses it names (which the directory
 * maps to a salesperson).
 *
 * @param subject the token's {@code sub}
 * @param name a name to record (e-mail, user name, or the subject)
 * @param roles the roles granted
 * @param addresses {@code email}, {@code preferred_username} and {@code upn} where they are addresses, lower case
 * @param token the raw token, for calls made on the caller's behalf
 */
public record Caller(String subject, String name, Set<String> roles, Set<String> addresses, String token) {

    private static final List<String> ADDRESS_CLAIMS = List.of("email", "preferred_username", "upn");

    public Caller {
        roles = Set.copyOf(roles);
        addresses = Set.copyOf(addresses);
    }

    /** The caller of the request being served; only inside an authenticated request. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new IllegalStateException("no authenticated caller: the endpoint is not behind a token rule");
        }
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .collect(Collectors.toSet());
        Set<String> addresses = new LinkedHashSet<>();
        for (String claim : ADDRESS_CLAIMS) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && value.contains("@")) {
                addresses.add(value.trim().toLowerCase(Locale.ROOT));
            }
        }
        String name = addresses.isEmpty() ? jwt.getSubject() : addresses.iterator().next();
        return new Caller(jwt.getSubject(), name, roles, addresses, jwt.getTokenValue());
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
