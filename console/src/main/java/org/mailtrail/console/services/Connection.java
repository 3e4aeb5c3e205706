package org.mailtrail.console.services;

import java.time.Instant;
import java.util.List;

/**
 * A mailbox connection as config-service shows it: every setting, and of the client secret only where it is kept.
 *
 * @param revision grows with every change; what an edit must name to replace this version and no later one
 * @param archiveFolder the folder's name, or its id once the setup check created or adopted it
 * @param notificationUrl where Graph posts change notifications; absent when the connection polls
 */
public record Connection(String id, long revision, String displayName, String tenantId, String clientId,
        String authMode, String mailbox, String sourceFolder, String archiveFolder, String unmatchedPolicy,
        String deleteMode, List<String> internalDomains, String graphBaseUrl, String authorityHost,
        String notificationUrl, String pollInterval, String redirectUrl, Matching matching, boolean enabled,
        Secret secret, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public static final String APPLICATION = "APPLICATION";
    public static final String DELEGATED = "DELEGATED";

    public Connection {
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
        matching = matching == null ? Matching.NONE : matching;
    }

    /** The matching extensions beyond Business Central's rules, each off unless switched on. */
    public record Matching(boolean domainFallback, List<String> freeMailDomains, boolean blocklist,
            List<String> blockedAddresses, List<String> blockedDomains, boolean privacyBlocking) {

        static final Matching NONE = new Matching(false, List.of(), false, List.of(), List.of(), false);

        public Matching {
            freeMailDomains = freeMailDomains == null ? List.of() : List.copyOf(freeMailDomains);
            blockedAddresses = blockedAddresses == null ? List.of() : List.copyOf(blockedAddresses);
            blockedDomains = blockedDomains == null ? List.of() : List.copyOf(blockedDomains);
        }

        public boolean any() {
            return domainFallback || blocklist || privacyBlocking;
        }
    }

    /**
     * Where the client secret is; never its value.
     *
     * @param source {@code STORED} (encrypted by config-service) or {@code REFERENCE}
     * @param reference where a referenced secret lives, e.g. {@code env:GRAPH_CLIENT_SECRET}
     */
    public record Secret(String source, Integer keyId, String reference, Instant updatedAt) {

        public boolean isReference() {
            return "REFERENCE".equals(source);
        }
    }

    public boolean delegated() {
        return DELEGATED.equals(authMode);
    }

    /** What a page calls the connection: its display name, or its id when it has none. */
    public String name() {
        return displayName == null || displayName.isBlank() ? id : displayName;
    }
}
