package org.mailtrail.config.connection.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class HttpUrlValidator implements ConstraintValidator<HttpUrl, String> {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private boolean httpsOnly;
    private boolean allowLoopbackHttp;

    @Override
    public void initialize(HttpUrl annotation) {
        httpsOnly = annotation.httpsOnly();
        allowLoopbackHttp = annotation.allowLoopbackHttp();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String reason = problem(value);
        if (reason == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
        return false;
    }

    private String problem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "must be an absolute URL such as https://graph.microsoft.com/v1.0";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return "must be an absolute http(s) URL with a host";
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            return "must not contain credentials or a fragment";
        }
        if (httpsOnly && scheme.equals("http")
                && !(allowLoopbackHttp && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT)))) {
            return allowLoopbackHttp ? "must use https (plain http only for localhost)" : "must use https";
        }
        return null;
    }
}
