package org.mailtrail.config.connection.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** An ISO-8601 duration ({@code PT5M}) between {@code min} and {@code max}, both ISO-8601 too. */
@Documented
@Constraint(validatedBy = IsoDurationValidator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoDuration {

    String message() default "must be an ISO-8601 duration such as PT5M";

    String min();

    String max();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
