package org.mailtrail.console.services;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A mailbox connection as config-service shows it: every setting, and of the client secret only where it is kept.
 *
 * @param revision grows with every change; what an edit must name to replace this version and no later one
 * @param archiveFolder the folder's name, or its id once the setup check created or adopted it
 * @param notificationUrl where Graph posts change notifications; absent when the connection polls
 * @param hold where mail that cannot be logged yet waits for the directory
 * @param copies what becomes of a further copy of a mail: {@code LIKE_FIRST} (what became of the first) or
 *        {@code DELETE}
 */
public record Connection(String id, long revision, String displayName, String tenantId, String clientId,
        String authMode, String mailbox, String sourceFolder, String archiveFolder, String unmatchedPolicy,
        String deleteMode, List<String> internalDomains, String graphBaseUrl, String authorityHost,
        String notificationUrl, String pollInterval, String redirectUrl, Matching matching, Hold hold, String copies,
        boolean enabled, Secret secret, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public static final String APPLICATION = "APPLICATION";
    public static final String DELEGATED = "DELEGATED";
    public static final String COPIES_LIKE_FIRST = "LIKE_FIRST";
    public static final String COPIES_DELETE = "DELETE";

    public Connection {
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
        matching = matching == null ? Matching.NONE : matching;
        // config-service's defaults, for a connection it shows without them
        hold = hold == null ? Hold.DEFAULT : hold;
        copies = copies == null ? COPIES_LIKE_FIRST : copies;
    }

    /**
     * Mail the matcher cannot log yet (an unknown sender, contacts only, no contact) is moved to a folder of the
     * mailbox and matched again when the directory changes, for a while; after that the unmatched policy applies.
     *
     * @param folder the hold folder's display name, at the mailbox's top level
     * @param retention how long mail is held, ISO-8601 (P30D)
     */
    public record Hold(boolean enabled, String folder, String retention) {

        public static final Hold DEFAULT = new Hold(true, "Not logged", "P30D");

        /** The retention as a whole number of days; null when it is none (PT12H) or not a duration at all. */
        public Long retentionDays() {
            if (retention == null) {
                return null;
            }
            try {
                Duration duration = Duration.parse(retention);
                boolean wholeDays = duration.compareTo(Duration.ZERO) > 0
                        && duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0 && duration.getNano() == 0;
                return wholeDays ? duration.toDays() : null;
            } catch (DateTimeException notADuration) {
                return null;
            }
        }

        /** The retention as a page says it: "30 days", or the duration itself when it is no whole number of days. */
        public String retentionInWords() {
            Long days = retentionDays();
            return days == null ? retention : days + (days == 1 ? " day" : " days");
        }
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
