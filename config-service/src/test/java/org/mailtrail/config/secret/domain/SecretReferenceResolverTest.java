package org.mailtrail.config.secret.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
        SecretReferenceResolver resolver = new SecretReferenceResolver(Map.of("GRAPH_SECRET", "from-env")::get, keyVault);

        assertThat(resolver.resolve(SecretReference.parse("env:GRAPH_SECRET")).reveal()).isEqualTo("from-env");
        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("env:UNSET")))
                .isInstanceOf(SecretUnavailableException.class).hasMessage("environment variable UNSET is not set");
    }

    @Test
    void readsAMountedFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client-secret");
        Files.writeString(file, "from-file\n");
        SecretReferenceResolver resolver = new SecretReferenceResolver(name -> null, keyVault);

        assertThat(resolver.resolve(SecretReference.parse("file:" + file)).reveal()).isEqualTo("from-file");
        assertThatThrownBy(() -> resolver.resolve(SecretReference.parse("file:" + dir.resolve("absent"))))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("does not exist");
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
