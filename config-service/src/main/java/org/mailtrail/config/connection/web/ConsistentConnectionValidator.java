package org.mailtrail.config.connection.web;

import java.util.Locale;

import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ImapAuth;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class ConsistentConnectionValidator implements ConstraintValidator<ConsistentConnection, ConnectionRequest> {

    static final int MAX_SECRET_LENGTH = 1024;

    @Override
    public boolean isValid(ConnectionRequest request, ConstraintValidatorContext context) {
        if (request == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        valid &= secret(context, "clientSecret", "clientSecretRef", request.clientSecret(), request.clientSecretRef());
        valid &= secret(context, "password", "passwordRef", request.password(), request.passwordRef());
        valid &= request.imapKind() ? imapFields(request, context) : graphFields(request, context);
        if (!request.imapKind() && request.authMode() == AuthMode.DELEGATED && request.notificationUrl() != null) {
            valid = violation(context, "notificationUrl",
                    "DELEGATED connections cannot receive change notifications from a shared mailbox and poll; leave it out or use APPLICATION");
        }
        if (!request.imapKind() && request.authMode() == AuthMode.DELEGATED && request.redirectUrl() == null) {
            valid = violation(context, "redirectUrl",
                    "is required in DELEGATED mode: this service's /oauth/callback URL as registered for the app");
        }
        // The folder names stay out of the reasons: a reason is a message template, which a name must not be.
        String holdFolder = request.hold() == null ? null : request.hold().effectiveFolder();
        if (holdFolder != null && sameFolder(holdFolder, request.effectiveSourceFolder())) {
            valid = violation(context, "hold.folder",
                    "must not be the source folder: held mail is moved out of it to wait");
        }
        if (holdFolder != null && sameFolder(holdFolder, request.effectiveArchiveFolder())) {
            valid = violation(context, "hold.folder",
                    "must not be the archive folder: held mail would sit among the logged mail");
        }
        return valid;
    }

    private static boolean graphFields(ConnectionRequest request, ConstraintValidatorContext context) {
        boolean valid = true;
        if (isBlank(request.tenantId())) {
            valid = violation(context, "tenantId", "is required: the directory (tenant) id or a verified domain of the tenant");
        }
        if (isBlank(request.clientId())) {
            valid = violation(context, "clientId", "is required: the application (client) id of the app registration");
        }
        if (request.authMode() == null) {
            valid = violation(context, "authMode", "is required: APPLICATION or DELEGATED");
        }
        String imapOnly = "is for IMAP connections only (kind IMAP)";
        if (request.imap() != null) {
            valid = violation(context, "imap", imapOnly);
        }
        if (request.password() != null) {
            valid = violation(context, "password", imapOnly);
        }
        if (request.passwordRef() != null) {
            valid = violation(context, "passwordRef", imapOnly);
        }
        return valid;
    }

    /**
     * An IMAP connection reads its mailbox over IMAP: what only Graph uses is refused rather than silently ignored,
     * and the app registration is needed only to sign in by XOAUTH2.
     */
    private static boolean imapFields(ConnectionRequest request, ConstraintValidatorContext context) {
        boolean valid = true;
        if (request.imap() == null) {
            return violation(context, "imap", "is required for kind IMAP: the server's host and the account's username (port, security and auth have defaults)");
        }
        String graphOnly = "is for Graph connections only: an IMAP connection ";
        if (request.notificationUrl() != null) {
            valid = violation(context, "notificationUrl", graphOnly + "learns of new mail by IMAP IDLE; leave it out");
        }
        if (request.graphBaseUrl() != null) {
            valid = violation(context, "graphBaseUrl", graphOnly + "reads the server named in imap.host; leave it out");
        }
        if (request.redirectUrl() != null) {
            valid = violation(context, "redirectUrl", graphOnly + "takes no user consent; leave it out");
        }
        if (request.authMode() == AuthMode.DELEGATED) {
            valid = violation(context, "authMode", "DELEGATED is for Graph connections only: an IMAP connection signs in with the account's password or an app token (imap.auth); leave authMode out");
        }
        if (request.imap().effectiveAuth() == ImapAuth.XOAUTH2) {
            if (isBlank(request.tenantId())) {
                valid = violation(context, "tenantId", "is required for XOAUTH2: the directory (tenant) id of the app that signs in to Exchange Online");
            }
            if (isBlank(request.clientId())) {
                valid = violation(context, "clientId", "is required for XOAUTH2: the application (client) id of the app registration");
            }
            String tokenInstead = "is for imap.auth PASSWORD only: XOAUTH2 signs in with the app's token (clientSecret or clientSecretRef)";
            if (request.password() != null) {
                valid = violation(context, "password", tokenInstead);
            }
            if (request.passwordRef() != null) {
                valid = violation(context, "passwordRef", tokenInstead);
            }
        } else {
            String passwordInstead = "is for imap.auth XOAUTH2 only: PASSWORD signs in with the account's password (password or passwordRef)";
            if (request.clientSecret() != null) {
                valid = violation(context, "clientSecret", passwordInstead);
            }
            if (request.clientSecretRef() != null) {
                valid = violation(context, "clientSecretRef", passwordInstead);
            }
        }
        return valid;
    }

    private static boolean secret(ConstraintValidatorContext context, String field, String refField,
            WriteOnlySecret secret, String ref) {
        boolean valid = true;
        if (secret != null && ref != null) {
            valid = violation(context, refField, "give either " + field + " or " + refField + ", not both");
        }
        if (secret != null && secret.value().isBlank()) {
            valid = violation(context, field, "must not be blank");
        }
        if (secret != null && secret.length() > MAX_SECRET_LENGTH) {
            valid = violation(context, field, "must be at most " + MAX_SECRET_LENGTH + " characters");
        }
        return valid;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** As Exchange compares folder names: regardless of case. */
    private static boolean sameFolder(String one, String other) {
        return one.trim().toLowerCase(Locale.ROOT).equals(other.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean violation(ConstraintValidatorContext context, String field, String reason) {
        context.buildConstraintViolationWithTemplate(reason).addPropertyNode(field).addConstraintViolation();
        return false;
    }
}
