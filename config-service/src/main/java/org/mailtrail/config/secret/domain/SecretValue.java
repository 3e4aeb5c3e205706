package org.mailtrail.config.secret.domain;

import java.util.Objects;

/**
 * A secret in clear, in memory only for as long as a credential needs it. It never prints itself, so that a
 * secret handed to a logger, a string template or an exception by mistake shows as {@code ****}.
 */
public final class SecretValue {

    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    /** The clear text, for the one call that must send it (a token request). */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
