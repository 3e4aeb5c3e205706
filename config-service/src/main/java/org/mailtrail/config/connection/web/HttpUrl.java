package org.mailtrail.config.connection.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An absolute http(s) URL with a host and no credentials or fragment. With {@code httpsOnly}, plain http is
 * allowed only for loopback hosts (a local run or the emulator), never for a real endpoint.
 */
@Documented
@Constraint(validatedBy = HttpUrlValidator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpUrl {

    String message() default "must be an absolute http(s) URL";

    boolean httpsOnly() default false;

    boolean allowLoopbackHttp() default true;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
