package org.mailtrail.config.issuer.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which audience a service's token is for, by the scopes it was granted. */
public final class ScopeAudiences {

    private final Map<String, String> audiences;

    private ScopeAudiences(Map<String, String> audiences) {
        this.audiences = Map.copyOf(audiences);
    }

    /** Reads {@code scope=audience,scope=audience}; anything else is refused with the entry at fault. */
    public static ScopeAudiences parse(String text) {
        Map<String, String> audiences = new LinkedHashMap<>();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String scope = equals < 0 ? "" : entry.substring(0, equals).strip();
            String audience = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (scope.isEmpty() || audience.isEmpty()) {
                throw new IssuerSetupException("mailtrail.issuer.scope-audiences entry '" + entry.strip()
                        + "' is not scope=audience", "Write MAILTRAIL_ISSUER_SCOPE_AUDIENCES as "
                        + "scope=audience,scope=audience, e.g. connections.token=mailtrail-config-service");
            }
            if (audiences.put(scope, audience) != null) {
                throw new IssuerSetupException("mailtrail.issuer.scope-audiences names scope '" + scope + "' twice",
                        "Give each scope one audience in MAILTRAIL_ISSUER_SCOPE_AUDIENCES");
            }
        }
        return new ScopeAudiences(audiences);
    }

    public Optional<String> audienceOf(String scope) {
        return Optional.ofNullable(audiences.get(scope));
    }

    /** The audiences of the scopes, each once, sorted (granted scopes come as a set); scopes without one add none. */
    public List<String> audiencesOf(Collection<String> scopes) {
        Set<String> found = new TreeSet<>();
        scopes.forEach(scope -> audienceOf(scope).ifPresent(found::add));
        return List.copyOf(found);
    }
}
