package org.mailtrail.config.secret.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrail.config.secret.domain.MasterKeysetReloader.Outcome;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MasterKeysetReloaderTest {

    private static final String CONTEXT = "connection/contoso-sales/client-secret";
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    @TempDir
    Path dir;

    private Path file;
    private SecretCipher cipher;
    private final KeyIds stored = new KeyIds();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MasterKeysetReloader reloader;

    /** The key ids a store of encrypted secrets would report, as the test has written them. */
    private static final class KeyIds implements ReEncryptable {

        private final Set<Integer> ids = new HashSet<>();

        void holdSecretUnder(int keyId) {
            ids.add(keyId);
        }

        @Override
        public ReEncryptionResult reEncrypt(Secrets secrets) {
            return ReEncryptionResult.NONE;
        }

        @Override
        public Set<Integer> keyIdsInUse() {
            return Set.copyOf(ids);
        }
    }

    @BeforeEach
    void mountAKeyset() throws Exception {
        file = dir.resolve("master-keyset.json");
        Files.writeString(file, MasterKeysets.generate());
        cipher = new SecretCipher(new SecretsProperties(null, file));
        reloader = new MasterKeysetReloader(cipher, List.of(stored), meters, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void takesUpAKeysetRotatedWithTheServiceCommandAndEncryptsNewSecretsUnderItsPrimary() {
        EncryptedSecret old = cipher.encrypt("old-secret", CONTEXT);
        stored.holdSecretUnder(old.keyId());

        assertThat(rotate()).isZero();
        int newPrimary = MasterKeysets.primaryKeyId(read());

        assertThat(reloader.check()).isEqualTo(Outcome.LOADED);
        assertThat(cipher.primaryKeyId()).isEqualTo(newPrimary).isNotEqualTo(old.keyId());
        assertThat(cipher.encrypt("new-secret", CONTEXT).keyId()).isEqualTo(newPrimary);
        assertThat(cipher.decrypt(old.ciphertext(), CONTEXT).reveal()).isEqualTo("old-secret");
        assertThat(reloads("loaded")).isEqualTo(1);
        assertThat(reloader.check()).as("the same content again").isEqualTo(Outcome.UNCHANGED);
        assertThat(reloads("loaded")).isEqualTo(1);
    }

    @Test
    void seesAChangeOfContentEvenWhenTheModificationTimeStaysTheSame() throws Exception {
        var modified = Files.getLastModifiedTime(file);
        rotate();
        Files.setLastModifiedTime(file, modified);

        assertThat(reloader.check()).isEqualTo(Outcome.LOADED);
        assertThat(cipher.primaryKeyId()).isEqualTo(MasterKeysets.primaryKeyId(read()));
    }

    @Test
    void takesUpAKeysetSwappedInThroughASymlinkAsAKubernetesSecretVolumeDoes() throws Exception {
        Path first = Files.createDirectory(dir.resolve("..2026_12_05_first"));
        Files.writeString(first.resolve("keyset.json"), MasterKeysets.generate());
        Path data = Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path mounted = Files.createSymbolicLink(dir.resolve("keyset.json"), Path.of("..data/keyset.json"));
        SecretCipher mountedCipher = new SecretCipher(new SecretsProperties(null, mounted));
        MasterKeysetReloader mountedReloader = new MasterKeysetReloader(mountedCipher, List.of(stored),
                new SimpleMeterRegistry(), Clock.systemUTC());
        stored.holdSecretUnder(mountedCipher.encrypt("old", CONTEXT).keyId());

        Path second = Files.createDirectory(dir.resolve("..2026_12_05_second"));
        String rotated = MasterKeysets.rotate(Files.readString(first.resolve("keyset.json")));
        Files.writeString(second.resolve("keyset.json"), rotated);
        Path swap = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(swap, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(mountedReloader.check()).isEqualTo(Outcome.LOADED);
        assertThat(mountedCipher.primaryKeyId()).isEqualTo(MasterKeysets.primaryKeyId(rotated));
    }

    @Test
    void refusesAFileThatIsNoKeysetKeepsTheOldOneAndSaysSoUntilTheFileIsRight() throws Exception {
        String original = read();
        int primary = cipher.primaryKeyId();
        EncryptedSecret secret = cipher.encrypt("value", CONTEXT);
        Files.writeString(file, "half a keyset");

        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);

        assertThat(cipher.primaryKeyId()).isEqualTo(primary);
        assertThat(cipher.decrypt(secret.ciphertext(), CONTEXT).reveal()).isEqualTo("value");
        assertThat(reloader.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.reason()).contains("not a Tink JSON keyset").doesNotContain("half a keyset");
            assertThat(refusal.at()).isEqualTo(NOW);
        });
        assertThat(reloads("refused")).as("counted once per refused content").isEqualTo(1);
        assertThat(meters.get("mailtrail.keyset.refused").gauge().value()).isEqualTo(1);

        Files.writeString(file, original);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
        assertThat(reloader.refusal()).isEmpty();
        assertThat(meters.get("mailtrail.keyset.refused").gauge().value()).isZero();
    }

    @Test
    void refusesAKeysetWithoutAKeyThatStoredSecretsAreEncryptedUnder() throws Exception {
        EncryptedSecret secret = cipher.encrypt("value", CONTEXT);
        stored.holdSecretUnder(secret.keyId());
        int primary = cipher.primaryKeyId();
        Files.writeString(file, MasterKeysets.generate());

        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);

        assertThat(cipher.primaryKeyId()).isEqualTo(primary);
        assertThat(cipher.decrypt(secret.ciphertext(), CONTEXT).reveal()).isEqualTo("value");
        assertThat(reloader.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.reason())
                .contains("no enabled key with id [" + secret.keyId() + "]").contains("unreadable"));
        assertThat(reloads("refused")).isEqualTo(1);
    }

    @Test
    void refusesAKeysetInWhichTheKeyOfStoredSecretsIsDisabled() throws Exception {
        EncryptedSecret secret = cipher.encrypt("value", CONTEXT);
        stored.holdSecretUnder(secret.keyId());
        KeysetHandle rotated = MasterKeysets.parse(MasterKeysets.rotate(read()));
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(rotated);
        for (int i = 0; i < rotated.size(); i++) {
            if (rotated.getAt(i).getId() == secret.keyId()) {
                builder.getAt(i).setStatus(KeyStatus.DISABLED);
            }
        }
        Files.writeString(file, MasterKeysets.serialize(builder.build()));

        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        assertThat(cipher.decrypt(secret.ciphertext(), CONTEXT).reveal()).isEqualTo("value");
    }

    @Test
    void refusesAFileThatDisappearedAndTakesItUpWhenItIsBack() throws Exception {
        String original = read();
        Files.delete(file);

        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        assertThat(reloader.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.reason()).contains("does not exist"));

        Files.writeString(file, MasterKeysets.rotate(original));
        assertThat(reloader.check()).isEqualTo(Outcome.LOADED);
        assertThat(reloader.refusal()).isEmpty();
    }

    @Test
    void letsAReEncryptionReloadOnlyUnderTheSameRule() throws Exception {
        stored.holdSecretUnder(cipher.encrypt("value", CONTEXT).keyId());
        int primary = cipher.primaryKeyId();
        Files.writeString(file, MasterKeysets.generate());

        assertThatThrownBy(reloader::reloadNow).isInstanceOf(MasterKeysetNotReloadedException.class)
                .hasMessageContaining("keeps using the keyset it had");
        assertThat(cipher.primaryKeyId()).isEqualTo(primary);
    }

    @Test
    void refusesAReloadIntervalThatIsNotPositiveAndDefaultsToThirtySeconds() {
        assertThatThrownBy(() -> new SecretsProperties(null, file, Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MAILTRAIL_MASTER_KEYSET_RELOAD_INTERVAL must be positive, not PT0S");
        assertThat(new SecretsProperties(null, file, null, null).masterKeysetReloadInterval())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void leavesAnInlineKeysetAlone() {
        SecretCipher inline = new SecretCipher(new SecretsProperties(MasterKeysets.generate(), null));
        MasterKeysetReloader inlineReloader = new MasterKeysetReloader(inline, List.of(stored), new SimpleMeterRegistry(),
                Clock.systemUTC());

        assertThat(inline.reloadable()).isFalse();
        assertThat(inlineReloader.check()).isEqualTo(Outcome.UNCHANGED);
    }

    /** Rotates the file as an operator does, with the service's own command; answers its exit code. */
    private int rotate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return MasterKeysetCommand.run(new String[] { MasterKeysetCommand.ROTATE, file.toString() },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private String read() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double reloads(String outcome) {
        return meters.get("mailtrail.keyset.reloads").tag("outcome", outcome).counter().count();
    }
}
