package org.mailtrail.config.secret.domain;

import java.time.Instant;

/**
 * The one way in and out for secrets: store one (encrypt it), reference one (check the reference), and reveal
 * one for the moment a credential needs it (decrypt it or read it where it lives).
 *
 * <p>{@code context} names the owner and purpose, e.g. {@code connection/contoso-sales/client-secret}; it binds
 * the ciphertext to that place.
 */
public class Secrets {

    private final SecretCipher cipher;
    private final SecretReferenceResolver references;

    public Secrets(SecretCipher cipher, SecretReferenceResolver references) {
        this.cipher = cipher;
        this.references = references;
    }

    public StoredSecret store(String plaintext, String context, Instant now) {
        return new StoredSecret(cipher.encrypt(plaintext, context), null, now);
    }

    /** @throws InvalidSecretReferenceException when the reference is one connections may not use */
    public StoredSecret reference(SecretReference reference, Instant now) {
        references.refusal(reference).ifPresent(reason -> {
            throw new InvalidSecretReferenceException(reason);
        });
        return new StoredSecret(null, reference, now);
    }

    /** The secret in clear; {@link SecretUnavailableException} or {@link SecretDecryptionException} says why not. */
    public SecretValue reveal(StoredSecret secret, String context) {
        if (secret.isReference()) {
            return references.resolve(secret.reference());
        }
        return cipher.decrypt(secret.encrypted().ciphertext(), context);
    }

    /** The same secret under the current primary key, or the same ciphertext if it is already under it. */
    public EncryptedSecret reEncrypt(EncryptedSecret encrypted, String context) {
        if (encrypted.keyId() == cipher.primaryKeyId()) {
            return encrypted;
        }
        return reEncrypt(encrypted, context, context);
    }

    /** The same secret under the current primary key, bound to {@code newContext} instead of {@code context}. */
    public EncryptedSecret reEncrypt(EncryptedSecret encrypted, String context, String newContext) {
        return cipher.encrypt(cipher.decrypt(encrypted.ciphertext(), context).reveal(), newContext);
    }

    public SecretCipher cipher() {
        return cipher;
    }
}
