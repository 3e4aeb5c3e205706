package org.mailtrail.matcher.matching.domain;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.matcher.directory.domain.Addresses;

/**
 * A connection's matching settings in comparable form: the extensions switched on and the
 * domains that are the company's own.
 */
public record MatchingPolicy(
        boolean domainFallback,
        Set<String> freeMailDomains,
        boolean blocklist,
        Set<String> blockedAddresses,
        Set<String> blockedDomains,
        boolean privacyBlocking,
        Set<String> internalDomains) {

    /** Business Central's behaviour: no extension, no internal domain known. */
    public static final MatchingPolicy BUSINESS_CENTRAL = of(MatchingOptions.NONE, Set.of());

    public MatchingPolicy {
        freeMailDomains = Set.copyOf(freeMailDomains);
        blockedAddresses = Set.copyOf(blockedAddresses);
        blockedDomains = Set.copyOf(blockedDomains);
        internalDomains = Set.copyOf(internalDomains);
    }

    public static MatchingPolicy of(MatchingOptions options, Collection<String> internalDomains) {
        Objects.requireNonNull(options, "options");
        return new MatchingPolicy(options.domainFallback(), normalized(options.freeMailDomains()),
                options.blocklist(), normalized(options.blockedAddresses()), normalized(options.blockedDomains()),
                options.privacyBlocking(), normalized(internalDomains));
    }

    /** Whether the blocklist is on and names the address or its domain. */
    public boolean isBlocked(String address) {
        return blocklist && (blockedAddresses.contains(address) || blockedDomains.contains(Addresses.domainOf(address)));
    }

    public boolean isInternal(String address) {
        return internalDomains.contains(Addresses.domainOf(address));
    }

    /** Whether an unknown address at this domain may be matched to a company owning the domain. */
    public boolean mayFallBackTo(String domain) {
        return domainFallback && domain != null && !freeMailDomains.contains(domain) && !internalDomains.contains(domain);
    }

    private static Set<String> normalized(Collection<String> values) {
        return values.stream().map(Addresses::normalize).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
