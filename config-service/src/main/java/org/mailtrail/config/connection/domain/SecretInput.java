package org.mailtrail.config.connection.domain;

import org.mailtrail.config.secret.domain.SecretReference;
import org.mailtrail.config.secret.domain.SecretValue;

/** What a create or update says about the client secret: keep it, store a new one, or reference one. */
public sealed interface SecretInput {

    SecretInput KEEP = new Keep();

    record Keep() implements SecretInput {
    }

    record Plain(SecretValue value) implements SecretInput {
    }

    record Reference(SecretReference reference) implements SecretInput {
    }
}
