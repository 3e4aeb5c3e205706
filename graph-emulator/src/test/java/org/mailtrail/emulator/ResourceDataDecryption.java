package org.mailtrail.emulator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.JsonNode;

/**
 * What a receiver of notifications with resource data does with {@code encryptedContent}, step by step as Graph's
 * page "Set up change notifications that include resource data" shows it in Java, with the JDK only.
 */
final class ResourceDataDecryption {

    private ResourceDataDecryption() {
    }

    /** Step 3: the single-use AES key, from {@code dataKey} with the certificate's private key (OAEP). */
    static byte[] symmetricKey(JsonNode encryptedContent, PrivateKey privateKey) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
            rsa.init(Cipher.DECRYPT_MODE, privateKey);
            return rsa.doFinal(Base64.getDecoder().decode(encryptedContent.get("dataKey").asString()));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("dataKey does not decrypt with the private key", e);
        }
    }

    /** Step 4: HMAC-SHA256 of the still encrypted {@code data} must equal {@code dataSignature}. */
    static boolean signatureMatches(byte[] encryptedData, String dataSignature, byte[] symmetricKey) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(symmetricKey, "HmacSHA256"));
            return MessageDigest.isEqual(hmac.doFinal(encryptedData), Base64.getDecoder().decode(dataSignature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Step 5: AES/CBC/PKCS5Padding with the key's first 16 bytes as initialisation vector. */
    static JsonNode decrypt(byte[] encryptedData, byte[] symmetricKey) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(symmetricKey, "AES"),
                    new IvParameterSpec(Arrays.copyOf(symmetricKey, 16)));
            return Json.parse(aes.doFinal(encryptedData));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("data does not decrypt with the symmetric key", e);
        }
    }

    /** All steps; a signature that does not match fails the test, as a receiver would refuse to decrypt. */
    static JsonNode open(JsonNode encryptedContent, PrivateKey privateKey) {
        byte[] key = symmetricKey(encryptedContent, privateKey);
        byte[] data = Base64.getDecoder().decode(encryptedContent.get("data").asString());
        if (!signatureMatches(data, encryptedContent.get("dataSignature").asString(), key)) {
            throw new AssertionError("dataSignature does not match data");
        }
        return decrypt(data, key);
    }
}
