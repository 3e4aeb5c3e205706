package org.mailtrail.config.connection.web;

import org.mailtrail.config.secret.domain.SecretValue;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A secret as it arrives in a request body. It is never a plain {@code String} field, so neither validation
 * errors (which keep the rejected value) nor a {@code toString} of the request can carry it anywhere.
 */
public final class WriteOnlySecret {

    private final SecretValue value;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public WriteOnlySecret(String value) {
        this.value = SecretValue.of(value == null ? "" : value);
    }

    public SecretValue value() {
        return value;
    }

    int length() {
        return value.reveal().length();
    }

    @Override
    public String toString() {
        return "****";
    }
}
