package org.mailtrail.ingestor.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrail.ingestor.Keystores;
import org.mailtrail.ingestor.graph.NotificationCertificates.NotificationCertificate;

class NotificationCertificatesTest {

    private static final String PASSWORD = Keystores.PASSWORD;

    @TempDir
    Path directory;

    @Test
    void givesSubscriptionsTheCertificateThatStartsLatestAndDecryptsWithEveryOne() throws Exception {
        Path keystore = directory.resolve("notifications.p12");
        Keystores.add(keystore, "Certificate-2025", 2048, "-400d");
        Keystores.add(keystore, "certificate-2026", 2048, "-10d");

        NotificationCertificates certificates = new NotificationCertificates(keystore, PASSWORD);

        NotificationCertificate newest = certificates.newest().orElseThrow();
        assertThat(newest.id()).isEqualTo("certificate-2026");
        assertThat(newest.notBefore()).isAfter(Instant.now().minusSeconds(11 * 86_400));
        assertThat(newest.encoded()).as("the certificate alone, DER in base64").startsWith("MII");
        assertThat(certificates.privateKey("certificate-2025")).hasValueSatisfying(
                key -> assertThat(((RSAPrivateKey) key).getModulus().bitLength()).isEqualTo(2048));
        assertThat(certificates.privateKey("CERTIFICATE-2025")).as("as a PKCS12 alias, in any case").isPresent();
        assertThat(certificates.privateKey("certificate-2024")).isEmpty();
        assertThat(certificates.privateKey(null)).isEmpty();
    }

    @Test
    void takesACertificateAddedToTheFileWithoutARestart() throws Exception {
        Path keystore = directory.resolve("notifications.p12");
        Keystores.add(keystore, "certificate-2025", 2048, "-400d");
        NotificationCertificates certificates = new NotificationCertificates(keystore, PASSWORD);
        assertThat(certificates.newest()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("certificate-2025"));

        Keystores.add(keystore, "certificate-2026", 2048, "-1d");
        Files.setLastModifiedTime(keystore, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(certificates.newest()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("certificate-2026"));
        assertThat(certificates.privateKey("certificate-2025")).as("still decrypts what was encrypted for it")
                .isPresent();
    }

    @Test
    void keepsTheCertificatesItHasWhenTheChangedFileCannotBeRead() throws Exception {
        Path keystore = directory.resolve("notifications.p12");
        Keystores.add(keystore, "certificate-2025", 2048, "-1d");
        NotificationCertificates certificates = new NotificationCertificates(keystore, PASSWORD);

        Files.writeString(keystore, "half a copy");

        assertThat(certificates.newest()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("certificate-2025"));
        assertThat(certificates.privateKey("certificate-2025")).isPresent();
    }

    @Test
    void refusesToStartWithAKeyGraphDoesNotTake() throws Exception {
        Path keystore = directory.resolve("weak.p12");
        Keystores.add(keystore, "weak", 1024, "-1d");

        assertThatThrownBy(() -> new NotificationCertificates(keystore, PASSWORD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'weak'").hasMessageContaining("1024-bit RSA key")
                .hasMessageContaining("2048 to 4096 bits");
    }

    @Test
    void refusesToStartWithAKeyStoreItCannotRead() throws Exception {
        Path keystore = directory.resolve("notifications.p12");
        Keystores.add(keystore, "certificate-2026", 2048, "-1d");

        assertThatThrownBy(() -> new NotificationCertificates(keystore, "wrong-password"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MAILTRAIL_NOTIFICATION_KEYSTORE");
        assertThatThrownBy(() -> new NotificationCertificates(directory.resolve("missing.p12"), PASSWORD))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.p12");
    }

    @Test
    void subscribesBasicWithoutAKeyStore() {
        NotificationCertificates none = new NotificationCertificates(null, null);

        assertThat(none.configured()).isFalse();
        assertThat(none.newest()).isEmpty();
        assertThat(none.privateKey("certificate-2026")).isEmpty();
    }
}
