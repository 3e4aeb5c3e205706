package org.mailtrail.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The emulator's committed, self-signed test certificate (SAN localhost, graph-emulator, 127.0.0.1, ::1; valid
 * until 2124) and the trust material clients need for it. A fixed certificate, rather than one made at start,
 * lets a truststore be configured once for every run. Its password is a test-only value and protects nothing.
 */
public final class TlsMaterial {

    /** Password of both bundled PKCS12 files. Test-only: the private key is public in this repository. */
    public static final String PASSWORD = "graph-emulator-test-only";

    private static final String BASE = "/org/mailtrail/emulator/tls/";

    private final KeyStore keyStore;
    private final KeyStore trustStore;
    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final X509TrustManager trustManager;

    private TlsMaterial() {
        try {
            keyStore = load("graph-emulator-keystore.p12");
            trustStore = load("graph-emulator-truststore.p12");
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD.toCharArray());
            serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keys.getKeyManagers(), null, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            trustManager = (X509TrustManager) trust.getTrustManagers()[0];
            clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, new TrustManager[] {trustManager}, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("The bundled test certificate of graph-emulator cannot be loaded", e);
        }
    }

    private static final class Holder {
        private static final TlsMaterial INSTANCE = new TlsMaterial();
    }

    public static TlsMaterial bundled() {
        return Holder.INSTANCE;
    }

    /** For the HTTPS listener. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** For clients: trusts the emulator's certificate and nothing else. */
    public SSLContext clientContext() {
        return clientContext;
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) trustStore.getCertificate("graph-emulator");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the truststore (PKCS12, password {@link #PASSWORD}) into {@code directory}. */
    public Path writeTrustStore(Path directory) {
        return copy("graph-emulator-truststore.p12", directory);
    }

    /** Copies the certificate as PEM into {@code directory}, e.g. for {@code curl --cacert}. */
    public Path writeCertificatePem(Path directory) {
        return copy("graph-emulator.pem", directory);
    }

    /** Written beside and moved into place, so a JVM reading the file while another writes it never sees half of it. */
    private static Path copy(String name, Path directory) {
        try (InputStream in = open(name)) {
            Files.createDirectories(directory);
            Path target = directory.resolve(name);
            Path partial = Files.createTempFile(directory, name, ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyStore load(String name) throws GeneralSecurityException, IOException {
        try (InputStream in = open(name)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = TlsMaterial.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IOException("missing resource " + BASE + name);
        }
        return in;
    }
}
