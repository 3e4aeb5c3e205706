package org.mailtrail.testsupport.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call an operation, as a rule of an {@link AuthorizationMatrix}: people (and services) by the roles in their
 * token's {@code roles} claim, and services by a scope granted for an audience.
 */
public final class Allowed {

    /** A person's roles, then the role every service token carries. */
    public static final List<String> ROLES = List.of("salesperson", "sales-manager", "directory-importer",
            "mailtrail-admin", "mailtrail-service");

    /** The role of a service's token. */
    public static final String SERVICE_ROLE = "mailtrail-service";

    private final Set<String> roles;
    private final ServiceGrant service;

    private Allowed(Set<String> roles, ServiceGrant service) {
        this.roles = roles;
        this.service = service;
    }

    /**
     * Tokens with any of these roles; {@code mailtrail-service} lets in every service token for the service's audience,
     * whatever its scopes.
     */
    public static Allowed roles(String... roles) {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(roles));
        for (String role : known) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role + ": the roles are " + ROLES);
            }
        }
        return new Allowed(Set.copyOf(known), null);
    }

    /** Service tokens only, and only those granted {@code scope} for {@code audience}. */
    public static Allowed service(String scope, String audience) {
        return new Allowed(Set.of(), new ServiceGrant(scope, audience));
    }

    /** Nobody: every role is refused (403), as for an operation the service documents but keeps shut. */
    public static Allowed nobody() {
        return new Allowed(Set.of(), null);
    }

    /** These roles and, besides, service tokens granted {@code scope} for {@code audience}. */
    public Allowed orService(String scope, String audience) {
        return new Allowed(roles, new ServiceGrant(scope, audience));
    }

    public Set<String> roles() {
        return roles;
    }

    public Optional<ServiceGrant> service() {
        return Optional.ofNullable(service);
    }

    public boolean allows(String role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        String people = roles.isEmpty() ? "" : "roles " + String.join(", ", roles);
        String services = service == null ? "" : "service scope " + service.scope() + " for " + service.audience();
        return people.isEmpty() && services.isEmpty() ? "nobody"
                : people.isEmpty() ? services : services.isEmpty() ? people : people + " or " + services;
    }

    /** A scope a service token must carry, in a token for this audience. */
    public record ServiceGrant(String scope, String audience) {
    }
}
