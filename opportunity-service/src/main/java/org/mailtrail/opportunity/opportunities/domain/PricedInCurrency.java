package org.mailtrail.opportunity.opportunities.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An estimated value comes with its currency and a currency with a value. The violation names the
 * missing field, so a client sees which one to add.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PricedInCurrency.Validator.class)
public @interface PricedInCurrency {

    String message() default "estimatedValue and currency go together";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PricedInCurrency, Priced> {

        @Override
        public boolean isValid(Priced priced, ConstraintValidatorContext context) {
            if (priced == null || (priced.estimatedValue() == null) == (priced.currency() == null)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            String missing = priced.currency() == null ? "currency" : "estimatedValue";
            String other = priced.currency() == null ? "estimatedValue" : "currency";
            context.buildConstraintViolationWithTemplate("required with " + other)
                    .addPropertyNode(missing).addConstraintViolation();
            return false;
        }
    }
}
