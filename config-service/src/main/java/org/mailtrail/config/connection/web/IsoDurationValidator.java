package org.mailtrail.config.connection.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class IsoDurationValidator implements ConstraintValidator<IsoDuration, String> {

    private Duration min;
    private Duration max;
    private String bounds;

    @Override
    public void initialize(IsoDuration annotation) {
        min = Duration.parse(annotation.min());
        max = Duration.parse(annotation.max());
        // As the annotation writes them: P3650D reads better than Duration's PT87600H.
        bounds = annotation.min() + " and " + annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            return false;
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be between " + bounds)
                    .addConstraintViolation();
            return false;
        }
        return true;
    }
}
