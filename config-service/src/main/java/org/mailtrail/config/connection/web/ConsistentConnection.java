package org.mailtrail.config.connection.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The rules that span fields of a connection request; each violation names the field to fix. */
@Documented
@Constraint(validatedBy = ConsistentConnectionValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsistentConnection {

    String message() default "inconsistent connection";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
