package org.mailtrail.ingestor.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.mailtrail.ingestor.IngestorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The certificates Graph encrypts the mail of rich notifications with: every private-key entry of the PKCS12 key store
 * {@code MAILTRAIL_NOTIFICATION_KEYSTORE}, named by its alias, which is what subscriptions give Graph as the
 * {@code encryptionCertificateId} and what each notification names again. New subscriptions and renewals take the
 * certificate that starts latest; the others still decrypt what was encrypted for them, so a rotation is adding an
 * entry (and removing the old one once no notification names it any more). The file is read again when it changes, so
 * a rotation needs no restart; a changed file that cannot be used keeps the certificates read before, while one that
 * cannot be used at start refuses the start. Graph takes RSA keys of 2,048 to 4,096 bits only.
 */
@Component
public class NotificationCertificates implements DecryptionKeys {

    private static final Logger log = LoggerFactory.getLogger(NotificationCertificates.class);

    /** Graph's bounds for the key of an encryption certificate, and for its id. */
    static final int MIN_KEY_BITS = 2048;
    static final int MAX_KEY_BITS = 4096;
    static final int MAX_ID_LENGTH = 128;

    /**
     * One certificate as subscriptions name it.
     *
     * @param id its alias in the key store: the subscription's {@code encryptionCertificateId}
     * @param encoded the certificate alone, DER in base64, as Graph takes it ({@code encryptionCertificate})
     * @param notBefore when it starts
     */
    public record NotificationCertificate(String id, String encoded, Instant notBefore) {
    }

    /** What one reading of the file found; {@code version} tells a changed file. */
    private record Loaded(List<Object> version, Map<String, PrivateKey> keys, NotificationCertificate newest) {
    }

    private final Path keystore;
    private final char[] password;
    private volatile Loaded loaded;

    @Autowired
    public NotificationCertificates(IngestorProperties properties) {
        this(properties.notifications().keystore(), properties.notifications().keystorePassword());
    }

    /** @param keystore the PKCS12 file, or {@code null} for none */
    NotificationCertificates(Path keystore, String password) {
        this.keystore = keystore;
        this.password = password == null ? null : password.toCharArray();
        if (keystore != null) {
            this.loaded = load(version());
            log.info("rich notifications: {} certificate(s) in {}, subscriptions use '{}'", loaded.keys().size(),
                    keystore, loaded.newest().id());
        }
    }

    /** Whether a key store is configured: subscriptions then ask Graph to include the mail in notifications. */
    public boolean configured() {
        return keystore != null;
    }

    /** The certificate new subscriptions and renewals use: the one that starts latest; empty without a key store. */
    public Optional<NotificationCertificate> newest() {
        return current().map(Loaded::newest);
    }

    @Override
    public Optional<PrivateKey> privateKey(String certificateId) {
        if (certificateId == null) {
            return Optional.empty();
        }
        // PKCS12 aliases do not keep their case.
        return current().map(l -> l.keys().get(certificateId.toLowerCase(Locale.ROOT)));
    }

    private Optional<Loaded> current() {
        if (keystore == null) {
            return Optional.empty();
        }
        List<Object> version = version();
        Loaded known = loaded;
        if (!version.equals(known.version())) {
            synchronized (this) {
                known = loaded;
                if (!version.equals(known.version())) {
                    known = reload(known, version);
                    loaded = known;
                }
            }
        }
        return Optional.of(known);
    }

    private Loaded reload(Loaded before, List<Object> version) {
        try {
            Loaded after = load(version);
            log.info("notification key store {} changed: {} certificate(s), subscriptions use '{}'", keystore,
                    after.keys().size(), after.newest().id());
            return after;
        } catch (IllegalStateException e) {
            // Kept under the new version, so that the file is read again only once it changes again (a copy that was
            // still being written, say), not on every notification.
            log.error("notification key store {} changed but cannot be used; keeping the {} certificate(s) read "
                    + "before: {}", keystore, before.keys().size(), e.getMessage());
            return new Loaded(version, before.keys(), before.newest());
        }
    }

    /** The file's modification time and size; both unknown when it cannot be read. */
    private List<Object> version() {
        try {
            return List.of(Files.getLastModifiedTime(keystore), Files.size(keystore));
        } catch (IOException e) {
            return List.of(FileTime.fromMillis(0), -1L);
        }
    }

    private Loaded load(List<Object> version) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the notification key store " + keystore
                    + " (MAILTRAIL_NOTIFICATION_KEYSTORE, a PKCS12 file, and its password): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        Map<String, PrivateKey> keys = new HashMap<>();
        List<NotificationCertificate> certificates = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate certificate = store.getCertificate(alias);
                X509Certificate x509 = usable(alias, key, certificate);
                keys.put(alias.toLowerCase(Locale.ROOT), (PrivateKey) key);
                certificates.add(new NotificationCertificate(alias,
                        Base64.getEncoder().encodeToString(x509.getEncoded()), x509.getNotBefore().toInstant()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the entries of the notification key store " + keystore + ": "
                    + e.getMessage(), e);
        }
        NotificationCertificate newest = certificates.stream()
                .max(Comparator.comparing(NotificationCertificate::notBefore).thenComparing(NotificationCertificate::id))
                .orElseThrow(() -> new IllegalStateException("the notification key store " + keystore
                        + " holds no private key entry: each certificate Graph encrypts with needs its private key"));
        return new Loaded(version, Map.copyOf(keys), newest);
    }

    /** The entry's certificate, if Graph can encrypt with it; a clear refusal otherwise. */
    private X509Certificate usable(String alias, Key key, Certificate certificate) {
        String entry = "the notification certificate '" + alias + "' in " + keystore;
        if (alias.length() > MAX_ID_LENGTH) {
            throw new IllegalStateException(entry + " has an alias of " + alias.length() + " characters; it is the "
                    + "certificate's id at Graph, which takes at most " + MAX_ID_LENGTH);
        }
        if (!(key instanceof PrivateKey) || !(certificate instanceof X509Certificate x509)) {
            throw new IllegalStateException(entry + " is not a private key with its X.509 certificate");
        }
        if (!(x509.getPublicKey() instanceof RSAPublicKey rsa) || !"RSA".equals(key.getAlgorithm())) {
            throw new IllegalStateException(entry + " has a " + x509.getPublicKey().getAlgorithm()
                    + " key; Graph encrypts only with RSA keys of " + MIN_KEY_BITS + " to " + MAX_KEY_BITS + " bits");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_KEY_BITS || bits > MAX_KEY_BITS) {
            throw new IllegalStateException(entry + " has a " + bits + "-bit RSA key; Graph takes RSA keys of "
                    + MIN_KEY_BITS + " to " + MAX_KEY_BITS + " bits only");
        }
        return x509;
    }
}
