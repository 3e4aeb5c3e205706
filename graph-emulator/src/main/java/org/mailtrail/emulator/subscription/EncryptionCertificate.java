package org.mailtrail.emulator.subscription;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;

import com.fasterxml.jackson.annotation.JsonIgnore;

import tools.jackson.databind.node.ObjectNode;

/**
 * The certificate a subscription with resource data gave Graph, and Graph's two-step encryption with it: a fresh
 * AES key per notification encrypts the resource, the certificate's public key encrypts that AES key.
 *
 * @param id         the subscriber's own name for the certificate ({@code encryptionCertificateId})
 * @param thumbprint the certificate's SHA-1 thumbprint in upper-case hex, as notifications name it
 * @param encoded    the base64 the subscriber sent, which the subscription echoes
 */
public record EncryptionCertificate(String id, String thumbprint, @JsonIgnore String encoded,
                                    @JsonIgnore PublicKey publicKey) {

    /** "The identifier can be up to 128 characters." */
    static final int MAX_ID_LENGTH = 128;
    /** "The key size must be between 2,048 bits and 4,096 bits." */
    static final int MIN_KEY_BITS = 2048;
    static final int MAX_KEY_BITS = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks what a subscriber sent as Graph does and refuses it with a 400 when Graph would. */
    static EncryptionCertificate parse(String encoded, String id) {
        if (encoded == null || encoded.isBlank()) {
            throw GraphException.badRequest("ValidationError",
                    "encryptionCertificate is required when includeResourceData is true.");
        }
        if (id == null || id.isBlank()) {
            throw GraphException.badRequest("ValidationError",
                    "encryptionCertificateId is required when includeResourceData is true.");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw GraphException.badRequest("ValidationError",
                    "encryptionCertificateId must be at most " + MAX_ID_LENGTH + " characters long.");
        }
        X509Certificate certificate = certificate(encoded);
        PublicKey key = certificate.getPublicKey();
        if (!(key instanceof RSAPublicKey rsa)) {
            throw GraphException.badRequest("ValidationError", "Certificate validation error: the key must be of type RSA, not "
                    + key.getAlgorithm() + ".");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_KEY_BITS || bits > MAX_KEY_BITS) {
            throw GraphException.badRequest("ValidationError", "Certificate validation error: the key size must be between "
                    + MIN_KEY_BITS + " and " + MAX_KEY_BITS + " bits, not " + bits + ".");
        }
        try {
            String thumbprint = HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
            return new EncryptionCertificate(id, thumbprint, encoded, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Graph's {@code encryptedContent} for one notification: {@code data} is the content under AES/CBC/PKCS5Padding
     * with a fresh 32-byte key and the key's first 16 bytes as IV, {@code dataKey} that key under
     * RSA/ECB/OAEPWithSHA1AndMGF1Padding, {@code dataSignature} HMAC-SHA256 of the encrypted bytes with the key.
     */
    ObjectNode encrypt(byte[] content) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            byte[] data = aes.doFinal(content);
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, publicKey);
            byte[] dataKey = rsa.doFinal(key);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = hmac.doFinal(data);
            Base64.Encoder base64 = Base64.getEncoder();
            ObjectNode node = Json.object();
            node.put("data", base64.encodeToString(data));
            node.put("dataKey", base64.encodeToString(dataKey));
            node.put("dataSignature", base64.encodeToString(signature));
            node.put("encryptionCertificateId", id);
            node.put("encryptionCertificateThumbprint", thumbprint);
            return node;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt resource data for certificate " + id, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Base64 of a DER certificate, white space allowed as .NET's decoder allows it; anything else is the answer a
     * public report shows Graph giving for a value that is not a certificate.
     */
    private static X509Certificate certificate(String encoded) {
        try {
            byte[] der = Base64.getDecoder().decode(encoded.replaceAll("\\s", ""));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw GraphException.badRequest("ValidationError", "Certificate validation error: Cannot find the requested object.");
        }
    }
}
