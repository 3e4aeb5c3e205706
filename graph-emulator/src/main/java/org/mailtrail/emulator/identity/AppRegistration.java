package org.mailtrail.emulator.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An app registration with its application permission to mail, narrowed to some mailboxes the way an
 * Exchange application access policy narrows it.
 *
 * @param clientSecret {@code null} for a public client, which authenticates with PKCE alone
 * @param mailboxes    addresses the app may access; {@code "*"} for every mailbox of its tenant
 * @param redirectUris allowed redirect URIs for the authorization-code flow; empty allows any
 */
public record AppRegistration(String tenantId, String clientId, String clientSecret, String displayName,
                              Set<String> mailboxes, List<String> redirectUris) {

    public static final String ALL_MAILBOXES = "*";

    public AppRegistration {
        tenantId = tenantId.toLowerCase(Locale.ROOT);
        mailboxes = mailboxes == null ? Set.of()
                : mailboxes.stream().map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        displayName = displayName == null ? clientId : displayName;
    }

    public boolean mayAccess(String mailboxAddress) {
        return mailboxes.contains(ALL_MAILBOXES) || mailboxes.contains(mailboxAddress.toLowerCase(Locale.ROOT));
    }

    public boolean isPublicClient() {
        return clientSecret == null;
    }
}
