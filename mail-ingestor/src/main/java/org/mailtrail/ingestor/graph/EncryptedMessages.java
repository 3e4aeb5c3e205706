package org.mailtrail.ingestor.graph;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.serialization.ParseNodeFactoryRegistry;

import okhttp3.OkHttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the mail a rich notification carries, as Microsoft documents it ("Decrypting resource data from change
 * notifications"): the symmetric key in {@code dataKey} decrypted with the private key {@code encryptionCertificateId}
 * names (RSA, OAEP with SHA-1), the HMAC-SHA256 of {@code data} under that key compared with {@code dataSignature}
 * before anything is decrypted, then {@code data} decrypted with AES-CBC and PKCS#7 padding, its IV the key's first 16
 * bytes. The JSON inside is the message's selected properties, read by the Graph SDK's own JSON parse node, so the
 * message is the one a delta page would give. Its id is the notification's {@code resourceData.id} when the content
 * has none (Graph puts only the {@code $select}ed properties there); the subscription asks for immutable ids.
 */
@Component
public class EncryptedMessages {

    /** The content type the SDK's JSON parse node answers to. */
    private static final String JSON = "application/json";

    private final DecryptionKeys keys;
    private final JsonMapper json;

    public EncryptedMessages(DecryptionKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
        // The SDK registers its JSON parse node as it makes a client, and the first notification may come before any
        // mailbox's client is made. This one sends nothing.
        new GraphServiceClient(new OkHttpClient());
    }

    /**
     * The message of one notification item: the JSON of {@code {"encryptedContent":…,"resourceData":…}} as Graph
     * sent them.
     *
     * @throws UnreadableNotificationException when the item cannot be used, saying why
     */
    public Message read(String item) {
        Encrypted encrypted = parse(item);
        PrivateKey key = keys.privateKey(encrypted.certificateId()).orElseThrow(() -> new UnreadableNotificationException(
                UnreadableNotificationException.Reason.UNKNOWN_CERTIFICATE,
                "no certificate '" + encrypted.certificateId() + "' in the notification key store"));
        byte[] plain = decrypt(encrypted, key);
        // The SDK's parse node takes any JSON for an object, and makes an empty message of what is none.
        if (!isObject(plain)) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNPARSABLE,
                    "the decrypted content is not a JSON object");
        }
        Message message;
        try {
            message = ParseNodeFactoryRegistry.defaultInstance.getParseNode(JSON, new ByteArrayInputStream(plain))
                    .getObjectValue(Message::createFromDiscriminatorValue);
        } catch (RuntimeException e) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNPARSABLE,
                    "the decrypted content is not a message: " + e.getClass().getSimpleName());
        }
        if (message == null) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNPARSABLE,
                    "the decrypted content is not a message");
        }
        if (message.getId() == null) {
            message.setId(encrypted.resourceId());
        }
        return message;
    }

    /** Decrypts {@code data}, having checked its signature first. */
    static byte[] decrypt(Encrypted encrypted, PrivateKey privateKey) {
        byte[] symmetricKey;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
            rsa.init(Cipher.DECRYPT_MODE, privateKey);
            symmetricKey = rsa.doFinal(encrypted.dataKey());
        } catch (GeneralSecurityException e) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNDECRYPTABLE,
                    "dataKey does not decrypt with certificate '" + encrypted.certificateId() + "'");
        }
        if (symmetricKey.length != 16 && symmetricKey.length != 24 && symmetricKey.length != 32) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNDECRYPTABLE,
                    "dataKey holds no AES key (" + symmetricKey.length + " bytes)");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(symmetricKey, "HmacSHA256"));
            // In constant time: how far a forged signature matched must not show.
            if (!MessageDigest.isEqual(hmac.doFinal(encrypted.data()), encrypted.dataSignature())) {
                throw new UnreadableNotificationException(UnreadableNotificationException.Reason.SIGNATURE_MISMATCH,
                        "dataSignature is not the HMAC-SHA256 of data: the content was changed on its way");
            }
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(symmetricKey, "AES"),
                    new IvParameterSpec(symmetricKey, 0, 16));
            return aes.doFinal(encrypted.data());
        } catch (GeneralSecurityException e) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNDECRYPTABLE,
                    "data does not decrypt: " + e.getClass().getSimpleName());
        }
    }

    /**
     * What one item carries, decoded: {@code encryptedContent}'s parts and {@code resourceData.id}.
     */
    record Encrypted(byte[] data, byte[] dataKey, byte[] dataSignature, String certificateId, String resourceId) {
    }

    private Encrypted parse(String item) {
        JsonNode node;
        try {
            node = json.readTree(item);
        } catch (JacksonException e) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNPARSABLE,
                    "the item is not JSON");
        }
        JsonNode content = node.path("encryptedContent");
        String certificateId = content.path("encryptionCertificateId").asString(null);
        try {
            return new Encrypted(base64(content, "data"), base64(content, "dataKey"), base64(content, "dataSignature"),
                    certificateId, node.path("resourceData").path("id").asString(null));
        } catch (IllegalArgumentException e) {
            throw new UnreadableNotificationException(UnreadableNotificationException.Reason.UNPARSABLE,
                    "encryptedContent is incomplete: " + e.getMessage());
        }
    }

    private boolean isObject(byte[] content) {
        try {
            return json.readTree(content).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static byte[] base64(JsonNode content, String field) {
        String value = content.path(field).asString(null);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no " + field);
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }
}
