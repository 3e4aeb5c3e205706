package org.mailtrail.emulator.identity;

import java.util.List;
import java.util.Locale;

/** A directory tenant: its id (a GUID) and the domain names that also name it in authority URLs. */
public record Tenant(String id, List<String> domains) {

    public Tenant {
        id = id.toLowerCase(Locale.ROOT);
        domains = domains == null ? List.of() : domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean isNamed(String idOrDomain) {
        String name = idOrDomain.toLowerCase(Locale.ROOT);
        return id.equals(name) || domains.contains(name);
    }
}
