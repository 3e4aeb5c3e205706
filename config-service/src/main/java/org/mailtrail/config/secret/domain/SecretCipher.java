package org.mailtrail.config.secret.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;

/**
 * Encrypts and decrypts every secret the service stores, with AEAD under the master keyset. The associated data
 * names what the secret belongs to (connection and purpose), so a ciphertext copied onto another connection does
 * not decrypt. New writes use the keyset's primary key; ciphertexts of the other keys in the keyset still
 * decrypt, which is what lets the keys rotate.
 */
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    /** Tink's prefix for keys with output prefix TINK: one version byte, then the key id. */
    private static final byte TINK_PREFIX = 0x01;

    private record Loaded(KeysetHandle handle, Aead aead) {
    }

    /** One key of the keyset, without its material. */
    public record KeyInfo(int keyId, String status, boolean primary) {
    }

    private final SecretsProperties properties;
    private volatile Loaded current;

    public SecretCipher(SecretsProperties properties) {
        MasterKeysets.register();
        this.properties = properties;
        this.current = load();
        log.info("Master keyset loaded from {}: {} key(s), primary key id {}", source(), current.handle().size(),
                primaryKeyId());
    }

    /** Reads the keyset from its source again, e.g. after an operator rotated the mounted file. */
    public synchronized void reload() {
        current = load();
        log.info("Master keyset reloaded from {}: {} key(s), primary key id {}", source(), current.handle().size(),
                primaryKeyId());
    }

    public EncryptedSecret encrypt(String plaintext, String context) {
        Loaded keys = current;
        try {
            byte[] ciphertext = keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(context));
            return new EncryptedSecret(ciphertext, keys.handle().getPrimary().getId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption under the master keyset failed", e);
        }
    }

    public SecretValue decrypt(byte[] ciphertext, String context) {
        try {
            byte[] plain = current.aead().decrypt(ciphertext, associatedData(context));
            return SecretValue.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            String key = keyIdOf(ciphertext).stream().mapToObj(id -> "key id " + id).findFirst().orElse("its key");
            throw new SecretDecryptionException("the stored secret cannot be decrypted with the master keyset ("
                    + key + " is not in the keyset, or the stored data was altered)");
        }
    }

    public int primaryKeyId() {
        return current.handle().getPrimary().getId();
    }

    public List<KeyInfo> keys() {
        KeysetHandle handle = current.handle();
        List<KeyInfo> keys = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            keys.add(new KeyInfo(entry.getId(), status(entry.getStatus()), entry.isPrimary()));
        }
        return keys;
    }

    /** The id of the key that wrote a ciphertext, read from Tink's prefix; empty for keys without one. */
    public static OptionalInt keyIdOf(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < 5 || ciphertext[0] != TINK_PREFIX) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16)
                | ((ciphertext[3] & 0xff) << 8) | (ciphertext[4] & 0xff));
    }

    private static String status(KeyStatus status) {
        if (status == KeyStatus.ENABLED) {
            return "ENABLED";
        }
        return status == KeyStatus.DISABLED ? "DISABLED" : "DESTROYED";
    }

    private static byte[] associatedData(String context) {
        return ("mailtrail/" + context).getBytes(StandardCharsets.UTF_8);
    }

    private String source() {
        return properties.hasInlineKeyset() ? "MAILTRAIL_MASTER_KEYSET" : String.valueOf(properties.masterKeysetFile());
    }

    private Loaded load() {
        String json = keysetText();
        try {
            KeysetHandle handle = MasterKeysets.parse(json);
            return new Loaded(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Tink's own message may quote the input; the keyset is key material, so it is left out.
            throw new MissingMasterKeyException("the master keyset from " + source()
                    + " is not a Tink JSON keyset of AEAD keys (" + e.getClass().getSimpleName() + ")");
        }
    }

    private String keysetText() {
        if (properties.hasInlineKeyset()) {
            return properties.masterKeyset();
        }
        if (!properties.hasKeysetFile()) {
            throw new MissingMasterKeyException(
                    "no master keyset is configured (neither MAILTRAIL_MASTER_KEYSET nor MAILTRAIL_MASTER_KEYSET_FILE is set)");
        }
        try {
            return Files.readString(properties.masterKeysetFile());
        } catch (NoSuchFileException e) {
            throw new MissingMasterKeyException("the master keyset file " + properties.masterKeysetFile() + " does not exist");
        } catch (IOException e) {
            throw new MissingMasterKeyException("the master keyset file " + properties.masterKeysetFile()
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
