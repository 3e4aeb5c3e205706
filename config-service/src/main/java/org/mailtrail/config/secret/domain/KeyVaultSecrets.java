package org.mailtrail.config.secret.domain;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.AzureException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;

/**
 * Reads secrets from Azure Key Vault with the service's own Azure identity (workload or managed identity, or
 * whatever {@code DefaultAzureCredential} finds), one client per vault.
 */
public class KeyVaultSecrets {

    private final Function<URI, SecretClient> clientFactory;
    private final Map<URI, SecretClient> clients = new ConcurrentHashMap<>();

    public KeyVaultSecrets(Function<URI, SecretClient> clientFactory) {
        this.clientFactory = clientFactory;
    }

    /** Clients that authenticate with {@code credential} and send through azure-core's default HTTP client. */
    public static KeyVaultSecrets withCredential(TokenCredential credential,
            com.azure.core.http.HttpClient httpClient) {
        return new KeyVaultSecrets(vault -> new SecretClientBuilder().vaultUrl(vault.toString())
                .credential(credential).httpClient(httpClient).buildClient());
    }

    public SecretClient client(URI vaultUrl) {
        return clients.computeIfAbsent(vaultUrl, clientFactory);
    }

    public SecretValue read(SecretReference.KeyVault reference) {
        try {
            String value = client(reference.vaultUrl())
                    .getSecret(reference.name(), reference.version().isEmpty() ? null : reference.version())
                    .getValue();
            if (value == null) {
                throw new SecretUnavailableException("Key Vault secret " + reference.text() + " has no value");
            }
            return SecretValue.of(value);
        } catch (AzureException e) {
            throw new SecretUnavailableException("Key Vault secret " + reference.text() + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
