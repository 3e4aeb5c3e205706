package org.mailtrail.config.secret.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

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

    private record Loaded(KeysetHandle handle, Aead aead, String digest) {
    }

    /** One key of the keyset, without its material. */
    public record KeyInfo(int keyId, String status, boolean primary) {
    }

    private final SecretsProperties properties;
    private volatile Loaded current;

    public SecretCipher(SecretsProperties properties) {
        MasterKeysets.register();
        this.properties = properties;
        this.current = load(sourceText());
        log.info("Master keyset loaded from {}: {} key(s), primary key id {}", source(), current.handle().size(),
                primaryKeyId());
    }

    /** Whether the keyset comes from a file, which an operator can change while the service runs. */
    public boolean reloadable() {
        return !properties.hasInlineKeyset() && properties.hasKeysetFile();
    }

    /** Where the keyset comes from: the file, or the variable holding its text. */
    public String source() {
        return properties.hasInlineKeyset() ? "MAILTRAIL_MASTER_KEYSET" : String.valueOf(properties.masterKeysetFile());
    }

    /**
     * The keyset's text as its source holds it now.
     *
     * @throws MissingMasterKeyException when there is none or the file cannot be read
     */
    public String sourceText() {
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

    /** The SHA-256 of a keyset text, so a change is seen by content (a symlink swap may keep the mtime). */
    public static String digest(String keysetText) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(keysetText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The digest of the keyset in use. */
    public String loadedDigest() {
        return current.digest();
    }

    /**
     * Puts {@code keysetText} in place of the keyset in use, provided every key that stored secrets are encrypted
     * under is an enabled key of it; otherwise the keyset in use stays.
     *
     * @param keyIdsInUse the master key ids stored secrets name
     * @throws MissingMasterKeyException when the text is no AEAD keyset, or lacks a key in use (the message names
     *         the ids, never material)
     */
    public synchronized void replace(String keysetText, Set<Integer> keyIdsInUse) {
        Loaded candidate = load(keysetText);
        Set<Integer> missing = new TreeSet<>(keyIdsInUse);
        for (int i = 0; i < candidate.handle().size(); i++) {
            KeysetHandle.Entry entry = candidate.handle().getAt(i);
            if (entry.getStatus() == KeyStatus.ENABLED) {
                missing.remove(entry.getId());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingMasterKeyException("the master keyset from " + source() + " has no enabled key with id "
                    + missing + ", which stored secrets are encrypted under; it would leave them unreadable");
        }
        current = candidate;
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

    private Loaded load(String json) {
        try {
            KeysetHandle handle = MasterKeysets.parse(json);
            return new Loaded(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), digest(json));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Tink's own message may quote the input; the keyset is key material, so it is left out.
            throw new MissingMasterKeyException("the master keyset from " + source()
                    + " is not a Tink JSON keyset of AEAD keys (" + e.getClass().getSimpleName() + ")");
        }
    }
}
