package org.mailtrail.config.secret.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeysetCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void generatesAKeysetTheServiceCanUse() {
        int exit = run(MasterKeysetCommand.GENERATE);

        assertThat(exit).isZero();
        String keyset = out.toString(StandardCharsets.UTF_8).strip();
        SecretCipher cipher = new SecretCipher(new SecretsProperties(keyset, null));
        assertThat(cipher.decrypt(cipher.encrypt("x", "c").ciphertext(), "c").reveal()).isEqualTo("x");
    }

    @Test
    void rotatesAKeysetFileKeepingItsOldKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master-keyset.json");
        String original = MasterKeysets.generate();
        Files.writeString(file, original);
        EncryptedSecret old = new SecretCipher(new SecretsProperties(original, null)).encrypt("old", "c");

        int exit = run(MasterKeysetCommand.ROTATE, file.toString());

        assertThat(exit).isZero();
        String rotated = Files.readString(file);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("new primary key id " + MasterKeysets.primaryKeyId(rotated));
        SecretCipher cipher = new SecretCipher(new SecretsProperties(rotated, null));
        assertThat(cipher.keys()).hasSize(2);
        assertThat(cipher.decrypt(old.ciphertext(), "c").reveal()).isEqualTo("old");
    }

    @Test
    void explainsItsUsageWhenCalledWrongly() {
        assertThat(MasterKeysetCommand.handles(new String[] { "--server.port=8081" })).isFalse();
        assertThat(run(MasterKeysetCommand.ROTATE)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    private int run(String... args) {
        return MasterKeysetCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
