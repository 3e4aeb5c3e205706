package org.mailtrail.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates with their private keys, made by the JDK's own {@code keytool} as a subscriber would
 * make one for notifications with resource data.
 */
final class TestCertificates {

    private static final String PASSWORD = "test-only";
    private static final String ALIAS = "notifications";

    /** A certificate and the private key that decrypts what Graph encrypts for it. */
    record Issued(X509Certificate certificate, PrivateKey privateKey) {

        /** What a subscription's {@code encryptionCertificate} takes: base64 of the DER certificate. */
        String base64() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    static Issued rsa(int bits) {
        return generate("-keyalg", "RSA", "-keysize", Integer.toString(bits));
    }

    static Issued ec() {
        return generate("-keyalg", "EC", "-groupname", "secp256r1");
    }

    private static Issued generate(String... algorithm) {
        try {
            Path directory = Files.createTempDirectory("notification-certificate");
            Path store = directory.resolve("certificate.p12");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", ALIAS, "-dname", "CN=mailtrail notifications", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
            command.addAll(List.of(algorithm));
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            Issued issued = new Issued((X509Certificate) keys.getCertificate(ALIAS),
                    (PrivateKey) keys.getKey(ALIAS, PASSWORD.toCharArray()));
            Files.delete(store);
            Files.delete(directory);
            return issued;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
