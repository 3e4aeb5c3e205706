package org.mailtrail.config.secret.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.security.keyvault.secrets.SecretClient;

import reactor.core.publisher.Mono;

class SecretReferenceResolverTest {

    private final TokenCredential noCredential = request -> Mono.<AccessToken>empty();
    private final KeyVaultSecrets keyVault = KeyVaultSecrets.withCredential(noCredential, null);

    @Test
    void readsAnEnvironmentVariable() {
        SecretReferenceResolver resolver = new SecretReferenceResolver(Map.of("GRAPH_SECRET", "from-env")::get, keyVault,
                allowing("env:GRAPH_"));

        assertThat(resolver.resolve(SecretReference.parse("env:GRAPH_SECRET")).reveal()).isEqualTo("from-env");
        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("env:GRAPH_UNSET")))
                .isInstanceOf(SecretUnavailableException.class).hasMessage("environment variable GRAPH_UNSET is not set");
    }

    @Test
    void readsAMountedFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client-secret");
        Files.writeString(file, "from-file\n");
        SecretReferenceResolver resolver = new SecretReferenceResolver(name -> null, keyVault, allowing("file:" + dir + "/"));

        assertThat(resolver.resolve(SecretReference.parse("file:" + file)).reveal()).isEqualTo("from-file");
        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("file:" + dir.resolve("absent"))))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("does not exist");
    }

    @Test
    void readsNoVariableOrFileOutsideTheAllowedPrefixes(@TempDir Path dir) throws Exception {
        Path allowed = Files.createDirectory(dir.resolve("graph"));
        Path outside = Files.writeString(dir.resolve("other-secret"), "not for Entra");
        Files.createSymbolicLink(allowed.resolve("link"), outside);
        SecretReferenceResolver resolver = new SecretReferenceResolver(Map.of("HOME", "/root")::get, keyVault,
                allowing("env:GRAPH_", "file:" + allowed + "/"));

        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("env:HOME")))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("not allowed")
                .hasMessageContaining("env:GRAPH_");
        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("file:" + outside)))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("file:" + allowed.resolve("link"))))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("links to " + outside);
        assertThat(resolver.refusal(SecretReference.parse("env:GRAPH_CLIENT_SECRET"))).isEmpty();
    }

    @Test
    void neverReadsTheServicesOwnConfigurationWhateverThePrefixesAllow(@TempDir Path dir) throws Exception {
        Path keyset = Files.writeString(dir.resolve("master-keyset.json"), "{}");
        SecretReferencePolicy everything = new SecretReferencePolicy(List.of("env:", "file:/"), keyset);
        SecretReferenceResolver resolver = new SecretReferenceResolver(Map.of("MAILTRAIL_MASTER_KEYSET", "{}")::get,
                keyVault, everything);

        assertThat(resolver.refusal(SecretReference.parse("env:MAILTRAIL_MASTER_KEYSET"))).isPresent();
        assertThat(resolver.refusal(SecretReference.parse("env:mailtrail_master_keyset"))).isPresent();
        assertThat(resolver.refusal(SecretReference.parse("file:" + keyset))).isPresent();
        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("env:MAILTRAIL_MASTER_KEYSET")))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("configure mailtrail itself");
        assertThat(resolver.refusal(SecretReference.parse("keyvault:https://contoso.vault.azure.net/secrets/graph")))
                .isEmpty();
    }

    private static SecretReferencePolicy allowing(String... prefixes) {
        return new SecretReferencePolicy(List.of(prefixes), null);
    }

    @Test
    void wiresOneKeyVaultClientPerVaultAtTheVaultsUrl() {
        SecretClient contoso = keyVault.client(URI.create("https://contoso-mail.vault.azure.net"));

        assertThat(contoso.getVaultUrl()).isEqualTo("https://contoso-mail.vault.azure.net");
        assertThat(keyVault.client(URI.create("https://contoso-mail.vault.azure.net"))).isSameAs(contoso);
        assertThat(keyVault.client(URI.create("https://fabrikam.vault.azure.net")).getVaultUrl())
                .isEqualTo("https://fabrikam.vault.azure.net");
    }
}
