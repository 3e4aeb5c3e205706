package org.mailtrail.ingestor.graph;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rich notification items as Graph makes them (Microsoft's "Decrypting resource data from change notifications", the
 * other way round), with the JDK's crypto: a fresh AES-256 key per item, encrypted for the certificate with RSA-OAEP,
 * the content encrypted with AES-CBC (IV: the key's first 16 bytes), and the HMAC-SHA256 of the encrypted content.
 */
final class EncryptedItems {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedItems() {
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The item of a notification whose mail is {@code json}, for the certificate {@code certificateId}. */
    static String item(PublicKey certificate, String certificateId, String json, String resourceId) {
        return new Parts(certificate, certificateId, json).json(resourceId);
    }

    /** The encrypted parts of one item, which a test may spoil before writing the item. */
    static final class Parts {
        String data;
        String dataKey;
        String dataSignature;
        String certificateId;

        Parts(PublicKey certificate, String certificateId, String json) {
            try {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
                rsa.init(Cipher.ENCRYPT_MODE, certificate);
                Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
                aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
                byte[] encrypted = aes.doFinal(json.getBytes(StandardCharsets.UTF_8));
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(key, "HmacSHA256"));
                this.data = Base64.getEncoder().encodeToString(encrypted);
                this.dataKey = Base64.getEncoder().encodeToString(rsa.doFinal(key));
                this.dataSignature = Base64.getEncoder().encodeToString(hmac.doFinal(encrypted));
                this.certificateId = certificateId;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Flips one bit of the encrypted content, as a change on the way would. */
        Parts tamperedWith() {
            byte[] bytes = Base64.getDecoder().decode(data);
            bytes[bytes.length / 2] ^= 0x01;
            data = Base64.getEncoder().encodeToString(bytes);
            return this;
        }

        String json(String resourceId) {
            return """
                    {"encryptedContent":{"data":"%s","dataSignature":"%s","dataKey":"%s",\
                    "encryptionCertificateId":"%s","encryptionCertificateThumbprint":"07293748CC064953A3052FB978C735FB89E61C3D"},\
                    "resourceData":{"@odata.type":"#Microsoft.Graph.Message","@odata.id":"Users/x/Messages/%s","id":"%s"}}"""
                    .formatted(data, dataSignature, dataKey, certificateId, resourceId, resourceId);
        }
    }
}
