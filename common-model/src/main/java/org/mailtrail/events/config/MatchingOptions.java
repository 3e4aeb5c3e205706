package org.mailtrail.events.config;

import java.util.List;

/**
 * The matching extensions beyond Business Central's rules, each off by default and switched per
 * connection.
 *
 * @param domainFallback an unknown address at a company contact's domain matches that company
 *        (never for a domain in {@code freeMailDomains})
 * @param freeMailDomains domains shared by unrelated people, which never fall back to a company
 * @param blocklist whether {@code blockedAddresses} and {@code blockedDomains} are applied
 * @param privacyBlocking whether a privacy-blocked contact makes its interactions unloggable
 */
public record MatchingOptions(
        boolean domainFallback,
        List<String> freeMailDomains,
        boolean blocklist,
        List<String> blockedAddresses,
        List<String> blockedDomains,
        boolean privacyBlocking) {

    /** Business Central's behaviour: no extension switched on. */
    public static final MatchingOptions NONE = new MatchingOptions(false, List.of(), false, List.of(), List.of(), false);

    public MatchingOptions {
        freeMailDomains = freeMailDomains == null ? List.of() : List.copyOf(freeMailDomains);
        blockedAddresses = blockedAddresses == null ? List.of() : List.copyOf(blockedAddresses);
        blockedDomains = blockedDomains == null ? List.of() : List.copyOf(blockedDomains);
    }
}
