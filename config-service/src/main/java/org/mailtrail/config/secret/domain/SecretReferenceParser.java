package org.mailtrail.config.secret.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The syntax of {@link SecretReference}s, with a reason for every refusal. */
final class SecretReferenceParser {

    /** Key Vault's DNS suffixes in the public and the sovereign clouds. */
    private static final List<String> KEY_VAULT_SUFFIXES = List.of(".vault.azure.net",
            ".vault.azure.cn", ".vault.usgovcloudapi.net", ".vault.microsoftazure.de");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final Pattern VAULT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,22}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9-]{1,127}");
    private static final Pattern SECRET_VERSION = Pattern.compile("[A-Za-z0-9]{1,64}");

    static SecretReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSecretReferenceException("must not be blank");
        }
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        return switch (scheme) {
            case "env" -> environment(rest);
            case "file" -> file(rest);
            case "keyvault" -> keyVault(rest);
            default -> throw new InvalidSecretReferenceException(
                    "must start with env:, file: or keyvault: (e.g. env:GRAPH_CLIENT_SECRET, file:/var/run/secrets/graph/client-secret, keyvault:https://my-vault.vault.azure.net/secrets/graph-client-secret)");
        };
    }

    private static SecretReference environment(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new InvalidSecretReferenceException("env: must be followed by an environment variable name (letters, digits, _)");
        }
        return new SecretReference.Environment(name);
    }

    private static SecretReference file(String path) {
        if (path.isEmpty() || !path.startsWith("/")) {
            throw new InvalidSecretReferenceException("file: must be followed by an absolute path");
        }
        Path file = Path.of(path);
        if (!file.normalize().toString().equals(path)) {
            throw new InvalidSecretReferenceException("file: path must be a plain absolute path to a file (no ., .. or trailing /)");
        }
        return new SecretReference.File(file);
    }

    private static SecretReference keyVault(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidSecretReferenceException("keyvault: must be followed by a secret URL");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String suffix = KEY_VAULT_SUFFIXES.stream().filter(host::endsWith).findFirst().orElse(null);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || suffix == null || uri.getPort() != -1
                || !VAULT_NAME.matcher(host.substring(0, host.length() - suffix.length())).matches()) {
            throw new InvalidSecretReferenceException(
                    "keyvault: must be an https URL of a vault, https://<vault>.vault.azure.net/secrets/<name>[/<version>]");
        }
        String[] segments = uri.getPath() == null ? new String[0] : uri.getPath().replaceFirst("^/", "").split("/");
        boolean shaped = (segments.length == 2 || segments.length == 3) && segments[0].equals("secrets")
                && SECRET_NAME.matcher(segments[1]).matches()
                && (segments.length == 2 || SECRET_VERSION.matcher(segments[2]).matches());
        if (!shaped || uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidSecretReferenceException(
                    "keyvault: URL must name a secret, https://<vault>.vault.azure.net/secrets/<name>[/<version>]");
        }
        return new SecretReference.KeyVault(URI.create("https://" + host), segments[1],
                segments.length == 3 ? segments[2] : "");
    }

    private SecretReferenceParser() {
    }
}
