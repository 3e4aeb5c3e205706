package org.mailtrail.config.secret.domain;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Making, rotating and reading master keysets in Tink's JSON keyset format. Rotation adds a fresh AES-256-GCM key
 * and makes it primary while keeping the old keys, so what they encrypted still decrypts.
 */
public final class MasterKeysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A new keyset with one AES-256-GCM key, as Tink JSON. */
    public static String generate() {
        try {
            return serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot generate an AES-256-GCM key", e);
        }
    }

    /** The keyset with a new AES-256-GCM primary key added; the old keys stay enabled for decryption. */
    public static String rotate(String keysetJson) {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(parse(keysetJson));
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId().makePrimary());
            return serialize(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot add a key to the keyset", e);
        }
    }

    public static KeysetHandle parse(String keysetJson) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
    }

    public static int primaryKeyId(String keysetJson) {
        try {
            return parse(keysetJson).getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a Tink keyset", e);
        }
    }

    static String serialize(KeysetHandle handle) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }

    static void register() {
        // Loading the class runs the static registration; callers use this to make the order explicit.
    }

    private MasterKeysets() {
    }
}
