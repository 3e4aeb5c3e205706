package org.mailtrail.config.secret.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final String CONTEXT = "connection/contoso-sales/client-secret";

    @Test
    void decryptsWhatItEncryptedUnderThePrimaryKey() {
        String keyset = MasterKeysets.generate();
        SecretCipher cipher = new SecretCipher(new SecretsProperties(keyset, null));

        EncryptedSecret encrypted = cipher.encrypt("s3cr3t-value", CONTEXT);

        assertThat(encrypted.keyId()).isEqualTo(MasterKeysets.primaryKeyId(keyset));
        assertThat(SecretCipher.keyIdOf(encrypted.ciphertext())).hasValue(encrypted.keyId());
        assertThat(new String(encrypted.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t-value");
        assertThat(cipher.decrypt(encrypted.ciphertext(), CONTEXT).reveal()).isEqualTo("s3cr3t-value");
        assertThat(encrypted.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void refusesACiphertextMovedToAnotherConnection() {
        SecretCipher cipher = new SecretCipher(new SecretsProperties(MasterKeysets.generate(), null));
        EncryptedSecret encrypted = cipher.encrypt("s3cr3t-value", CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(encrypted.ciphertext(), "connection/other/client-secret"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("key id " + encrypted.keyId())
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void keepsDecryptingOldSecretsAfterRotationAndWritesNewOnesUnderTheNewKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keyset.json");
        Files.writeString(file, MasterKeysets.generate());
        SecretCipher cipher = new SecretCipher(new SecretsProperties(null, file));
        EncryptedSecret old = cipher.encrypt("old-secret", CONTEXT);

        String rotated = MasterKeysets.rotate(Files.readString(file));
        cipher.replace(rotated, Set.of(old.keyId()));
        Secrets secrets = new Secrets(cipher, null);

        assertThat(cipher.primaryKeyId()).isEqualTo(MasterKeysets.primaryKeyId(rotated)).isNotEqualTo(old.keyId());
        assertThat(cipher.keys()).hasSize(2).filteredOn(SecretCipher.KeyInfo::primary).hasSize(1);
        assertThat(cipher.decrypt(old.ciphertext(), CONTEXT).reveal()).isEqualTo("old-secret");
        EncryptedSecret reEncrypted = secrets.reEncrypt(old, CONTEXT);
        assertThat(reEncrypted.keyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(SecretCipher.keyIdOf(reEncrypted.ciphertext())).hasValue(cipher.primaryKeyId());
        assertThat(cipher.decrypt(reEncrypted.ciphertext(), CONTEXT).reveal()).isEqualTo("old-secret");
        assertThat(secrets.reEncrypt(reEncrypted, CONTEXT)).isSameAs(reEncrypted);
    }

    @Test
    void refusesToStartWithoutAMasterKeysetAndSaysWhatIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> new SecretCipher(new SecretsProperties(null, null)))
                .isInstanceOf(MissingMasterKeyException.class)
                .hasMessageContaining("MAILTRAIL_MASTER_KEYSET");
        assertThatThrownBy(() -> new SecretCipher(new SecretsProperties("", dir.resolve("absent.json"))))
                .isInstanceOf(MissingMasterKeyException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new SecretCipher(new SecretsProperties("{\"key\": \"not a keyset\"}", null)))
                .isInstanceOf(MissingMasterKeyException.class)
                .hasMessageContaining("not a Tink JSON keyset")
                .hasMessageNotContaining("not a keyset");
    }

    @Test
    void keepsTheKeysetItHasWhenAReloadFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keyset.json");
        Files.writeString(file, MasterKeysets.generate());
        SecretCipher cipher = new SecretCipher(new SecretsProperties(null, file));
        EncryptedSecret encrypted = cipher.encrypt("value", CONTEXT);

        assertThatThrownBy(() -> cipher.replace("half a keyset", Set.of())).isInstanceOf(MissingMasterKeyException.class);
        assertThatThrownBy(() -> cipher.replace(MasterKeysets.generate(), Set.of(encrypted.keyId())))
                .isInstanceOf(MissingMasterKeyException.class).hasMessageContaining("key with id [" + encrypted.keyId() + "]");
        assertThat(cipher.decrypt(encrypted.ciphertext(), CONTEXT).reveal()).isEqualTo("value");
    }
}
