package org.mailtrail.emulator.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An app registration with its permission to mail, granted in Entra or through Exchange's RBAC for Applications,
 * and the mailboxes it reaches (an application access policy's or a role assignment's scope).
 *
 * @param clientSecret {@code null} for a public client, which authenticates with PKCE alone
 * @param mailboxes    addresses the app may access; {@code "*"} for every mailbox of its tenant
 * @param redirectUris allowed redirect URIs for the authorization-code flow; empty allows any
 * @param access       how the permission was granted, which decides whether tokens carry it in {@code roles}
 * @param permission   {@code Mail.ReadWrite} or {@code Mail.Read}
 */
public record AppRegistration(String tenantId, String clientId, String clientSecret, String displayName,
                              Set<String> mailboxes, List<String> redirectUris, MailAccess access, String permission) {

    public static final String ALL_MAILBOXES = "*";
    public static final String READ_WRITE = "Mail.ReadWrite";
    public static final String READ = "Mail.Read";

    /** An app with Mail.ReadWrite granted in Entra. */
    public AppRegistration(String tenantId, String clientId, String clientSecret, String displayName,
                           Set<String> mailboxes, List<String> redirectUris) {
        this(tenantId, clientId, clientSecret, displayName, mailboxes, redirectUris, MailAccess.ENTRA, READ_WRITE);
    }

    public AppRegistration {
        access = access == null ? MailAccess.ENTRA : access;
        permission = permission == null ? READ_WRITE : permission;
        if (!permission.equals(READ_WRITE) && !permission.equals(READ)) {
            throw new IllegalArgumentException("an app's permission is Mail.ReadWrite or Mail.Read, not " + permission);
        }
        tenantId = tenantId.toLowerCase(Locale.ROOT);
        mailboxes = mailboxes == null ? Set.of()
                : mailboxes.stream().map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        displayName = displayName == null ? clientId : displayName;
    }

    public boolean mayAccess(String mailboxAddress) {
        return mailboxes.contains(ALL_MAILBOXES) || mailboxes.contains(mailboxAddress.toLowerCase(Locale.ROOT));
    }

    /** Whether it may change mail (move, delete, update, create folders), not only read it. */
    public boolean mayWrite() {
        return permission.equals(READ_WRITE);
    }

    public boolean isPublicClient() {
        return clientSecret == null;
    }
}
