package org.mailtrail.config.secret.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SecretReferenceTest {

    @Test
    void readsAnEnvironmentVariableReference() {
        assertThat(SecretReference.parse("env:GRAPH_CLIENT_SECRET"))
                .isEqualTo(new SecretReference.Environment("GRAPH_CLIENT_SECRET"));
    }

    @Test
    void readsAFileReference() {
        SecretReference reference = SecretReference.parse("file:/var/run/secrets/graph/client-secret");

        assertThat(reference).isEqualTo(new SecretReference.File(Path.of("/var/run/secrets/graph/client-secret")));
        assertThat(reference.text()).isEqualTo("file:/var/run/secrets/graph/client-secret");
    }

    @Test
    void readsAKeyVaultReferenceWithAndWithoutVersion() {
        assertThat(SecretReference.parse("keyvault:https://contoso-mail.vault.azure.net/secrets/graph-client-secret"))
                .isEqualTo(new SecretReference.KeyVault(URI.create("https://contoso-mail.vault.azure.net"),
                        "graph-client-secret", ""));
        SecretReference versioned = SecretReference.parse(
                "keyvault:https://Contoso-Mail.vault.azure.net/secrets/graph-client-secret/0123456789abcdef0123456789abcdef");
        assertThat(versioned).isEqualTo(new SecretReference.KeyVault(URI.create("https://contoso-mail.vault.azure.net"),
                "graph-client-secret", "0123456789abcdef0123456789abcdef"));
        assertThat(versioned.text()).isEqualTo(
                "keyvault:https://contoso-mail.vault.azure.net/secrets/graph-client-secret/0123456789abcdef0123456789abcdef");
    }

    @Test
    void acceptsKeyVaultsOfTheSovereignClouds() {
        assertThat(SecretReference.parse("keyvault:https://gov-vault.vault.usgovcloudapi.net/secrets/s"))
                .isInstanceOf(SecretReference.KeyVault.class);
        assertThat(SecretReference.parse("keyvault:https://cn-vault.vault.azure.cn/secrets/s"))
                .isInstanceOf(SecretReference.KeyVault.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GRAPH_SECRET | must start with env:, file: or keyvault:",
            "vault:graph | must start with env:, file: or keyvault:",
            "env: | environment variable name",
            "env:GRAPH-SECRET | environment variable name",
            "file:relative/path | absolute path",
            "file:/var/run/../etc/passwd | plain absolute path",
            "keyvault:http://contoso.vault.azure.net/secrets/s | https URL of a vault",
            "keyvault:https://contoso.example.com/secrets/s | https URL of a vault",
            "keyvault:https://contoso.vault.azure.net:8443/secrets/s | https URL of a vault",
            "keyvault:https://contoso.vault.azure.net/keys/s | must name a secret",
            "keyvault:https://contoso.vault.azure.net/secrets/ | must name a secret",
            "keyvault:https://contoso.vault.azure.net/secrets/s?api-version=7.4 | must name a secret" })
    void refusesAMalformedReferenceSayingWhy(String text, String reason) {
        assertThatThrownBy(() -> SecretReference.parse(text))
                .isInstanceOf(InvalidSecretReferenceException.class)
                .hasMessageContaining(reason);
    }
}
