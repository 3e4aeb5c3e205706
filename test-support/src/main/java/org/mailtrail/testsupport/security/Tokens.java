package org.mailtrail.testsupport.security;

import java.time.Duration;

/**
 * Tokens of the JVM's shared {@link TestIssuer} for the callers a service's tests play: a person of mailtrail (the
 * audience people's tokens carry), another service granted a permission, Prometheus.
 */
public final class Tokens {

    /** The audience of people's tokens, as every service accepts it. */
    public static final String PEOPLE = "mailtrail";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private Tokens() {
    }

    /** A person with these roles and the address {@code username@contoso.example}. */
    public static String person(String username, String... roles) {
        return TestIssuer.shared().person(username, roles).audience(PEOPLE).expiresIn(LIFETIME).sign();
    }

    /** A person with these roles whose token names this address (the directory maps it to a salesperson). */
    public static String personAt(String email, String... roles) {
        String username = email.substring(0, email.indexOf('@'));
        return TestIssuer.shared().person(username, roles).email(email).audience(PEOPLE).expiresIn(LIFETIME).sign();
    }

    /** Another mailtrail service granted {@code permission}, for the audience that permission is issued for. */
    public static String service(String permission) {
        return TestIssuer.shared().service(TestIssuer.SERVICE_CLIENT, permission)
                .audience(TestIssuer.PERMISSIONS.get(permission)).expiresIn(LIFETIME).sign();
    }

    /** Prometheus: granted {@code metrics.read}. */
    public static String metrics() {
        return service("metrics.read");
    }
}
