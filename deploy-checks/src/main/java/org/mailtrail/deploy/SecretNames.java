package org.mailtrail.deploy;

import java.util.regex.Pattern;

/**
 * Names of variables that hold a secret, which a deployment must take from somewhere else than its own text (a
 * Secret, an env file): {@code MAILTRAIL_CLIENT_SECRET}, {@code MAILTRAIL_MASTER_KEYSET}. Names that only mention
 * one, such as {@code MAILTRAIL_TOKEN_URI} or {@code MAILTRAIL_CLIENT_ID}, do not.
 */
public final class SecretNames {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|KEYSET|TOKEN|JAAS_CONFIG)$");

    public static boolean secretNamed(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    private SecretNames() {
    }
}
