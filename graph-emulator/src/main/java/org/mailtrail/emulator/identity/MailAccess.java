package org.mailtrail.emulator.identity;

import java.util.Locale;

/**
 * How an app was given access to mail, which decides what its tokens say. {@code ENTRA}: an application
 * permission granted in Entra with admin consent, carried in the token's {@code roles} (and optionally narrowed
 * to some mailboxes by an application access policy). {@code RBAC}: Exchange Online's RBAC for Applications, a
 * management role assignment scoped to some mailboxes, which Exchange checks on every call; the token carries no
 * mail role at all.
 */
public enum MailAccess {
    ENTRA, RBAC;

    /** {@code "entra"} or {@code "rbac"}, as a seed names it; {@code null} is {@code ENTRA}. */
    public static MailAccess of(String name) {
        if (name == null) {
            return ENTRA;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "entra" -> ENTRA;
            case "rbac" -> RBAC;
            default -> throw new IllegalArgumentException("an app's access is \"entra\" or \"rbac\", not \"" + name + "\"");
        };
    }
}
