package org.mailtrail.config.connection.web;

import org.mailtrail.config.secret.domain.InvalidSecretReferenceException;
import org.mailtrail.config.secret.domain.SecretReference;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class SecretRefValidator implements ConstraintValidator<SecretRef, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            SecretReference.parse(value);
            return true;
        } catch (InvalidSecretReferenceException e) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(escape(e.getMessage())).addConstraintViolation();
            return false;
        }
    }

    /** The reason is literal text, not a message template. */
    private static String escape(String reason) {
        return reason.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
