package org.mailtrail.config.secret.domain;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a secret lives when the service does not store it: an environment variable, a file (a mounted
 * Kubernetes Secret), or an Azure Key Vault secret. The reference itself is not secret and may be shown.
 */
public sealed interface SecretReference {

    /** The reference as written, e.g. {@code env:GRAPH_CLIENT_SECRET}. */
    String text();

    record Environment(String name) implements SecretReference {
        @Override
        public String text() {
            return "env:" + name;
        }
    }

    record File(Path path) implements SecretReference {
        @Override
        public String text() {
            return "file:" + path;
        }
    }

    /** @param version empty for the latest version */
    record KeyVault(URI vaultUrl, String name, String version) implements SecretReference {
        @Override
        public String text() {
            return "keyvault:" + vaultUrl + "/secrets/" + name + (version.isEmpty() ? "" : "/" + version);
        }
    }

    /** Reads a reference, or says what is wrong with it (a reference is configuration, not a secret). */
    static SecretReference parse(String text) {
        return SecretReferenceParser.parse(text);
    }
}
