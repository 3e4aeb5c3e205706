package org.mailtrail.config.secret.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads a referenced secret at the moment it is needed, so a rotated Kubernetes Secret or vault secret takes
 * effect with the next token request. Reasons for failure name the place, never the content. A reference the
 * {@link SecretReferencePolicy} does not allow (stored before it was limited, or since the operator allowed
 * fewer) is not read.
 */
public class SecretReferenceResolver {

    private final UnaryOperator<String> environment;
    private final KeyVaultSecrets keyVault;
    private final SecretReferencePolicy policy;

    /** @param environment looks up an environment variable ({@code System::getenv} in the service) */
    public SecretReferenceResolver(UnaryOperator<String> environment, KeyVaultSecrets keyVault,
            SecretReferencePolicy policy) {
        this.environment = environment;
        this.keyVault = keyVault;
        this.policy = policy;
    }

    /** Why the reference may not be used, or empty when it may. */
    public Optional<String> refusal(SecretReference reference) {
        return policy.refusal(reference);
    }

    public SecretValue resolve(SecretReference reference) {
        policy.refusal(reference).ifPresent(reason -> {
            throw new SecretUnavailableException("reference " + reference.text() + " is not allowed: " + reason);
        });
        if (reference instanceof SecretReference.Environment env) {
            return fromEnvironment(env);
        }
        if (reference instanceof SecretReference.File file) {
            return fromFile(file);
        }
        return keyVault.read((SecretReference.KeyVault) reference);
    }

    private SecretValue fromEnvironment(SecretReference.Environment reference) {
        String value = environment.apply(reference.name());
        if (value == null || value.isEmpty()) {
            throw new SecretUnavailableException("environment variable " + reference.name() + " is not set");
        }
        return SecretValue.of(value);
    }

    private SecretValue fromFile(SecretReference.File reference) {
        policy.refusalOfRealFile(reference).ifPresent(reason -> {
            throw new SecretUnavailableException("reference " + reference.text() + " is not allowed: " + reason);
        });
        try {
            // Secret files usually end with a newline that is not part of the secret.
            String value = Files.readString(reference.path(), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new SecretUnavailableException("file " + reference.path() + " is empty");
            }
            return SecretValue.of(value);
        } catch (NoSuchFileException e) {
            throw new SecretUnavailableException("file " + reference.path() + " does not exist");
        } catch (IOException e) {
            throw new SecretUnavailableException("file " + reference.path() + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
