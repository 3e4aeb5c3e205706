package org.mailtrail.emulator.identity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tenants and app registrations known to the emulator. */
public final class Directory {

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();

    public Tenant addTenant(Tenant tenant) {
        tenants.merge(tenant.id(), tenant, (old, added) -> new Tenant(old.id(),
                java.util.stream.Stream.concat(old.domains().stream(), added.domains().stream()).distinct().toList()));
        return tenants.get(tenant.id());
    }

    public void addApp(AppRegistration app) {
        if (!tenants.containsKey(app.tenantId())) {
            throw new IllegalArgumentException("app " + app.clientId() + " names unknown tenant " + app.tenantId());
        }
        apps.put(app.clientId().toLowerCase(Locale.ROOT), app);
    }

    public Optional<Tenant> tenant(String idOrDomain) {
        if (idOrDomain == null) {
            return Optional.empty();
        }
        return tenants.values().stream().filter(t -> t.isNamed(idOrDomain)).findFirst();
    }

    public Optional<AppRegistration> app(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(apps.get(clientId.toLowerCase(Locale.ROOT)));
    }

    public List<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    public List<AppRegistration> apps() {
        return List.copyOf(apps.values());
    }
}
