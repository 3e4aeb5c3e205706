package org.mailtrail.config.connection.web;

import java.util.Locale;

import org.mailtrail.events.config.AuthMode;

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
        if (request.clientSecret() != null && request.clientSecretRef() != null) {
            valid = violation(context, "clientSecretRef", "give either clientSecret or clientSecretRef, not both");
        }
        if (request.clientSecret() != null && request.clientSecret().value().isBlank()) {
            valid = violation(context, "clientSecret", "must not be blank");
        }
        if (request.clientSecret() != null && request.clientSecret().length() > MAX_SECRET_LENGTH) {
            valid = violation(context, "clientSecret", "must be at most " + MAX_SECRET_LENGTH + " characters");
        }
        if (request.authMode() == AuthMode.DELEGATED && request.notificationUrl() != null) {
            valid = violation(context, "notificationUrl",
                    "DELEGATED connections cannot receive change notifications from a shared mailbox and poll; leave it out or use APPLICATION");
        }
        if (request.authMode() == AuthMode.DELEGATED && request.redirectUrl() == null) {
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

    /** As Exchange compares folder names: regardless of case. */
    private static boolean sameFolder(String one, String other) {
        return one.trim().toLowerCase(Locale.ROOT).equals(other.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean violation(ConstraintValidatorContext context, String field, String reason) {
        context.buildConstraintViolationWithTemplate(reason).addPropertyNode(field).addConstraintViolation();
        return false;
    }
}
