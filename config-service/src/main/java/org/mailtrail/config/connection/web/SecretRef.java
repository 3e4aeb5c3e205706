package org.mailtrail.config.connection.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A secret reference: {@code env:NAME}, {@code file:/path} or {@code keyvault:https://<vault>.vault.azure.net/secrets/<name>}. */
@Documented
@Constraint(validatedBy = SecretRefValidator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface SecretRef {

    String message() default "must be a secret reference";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
