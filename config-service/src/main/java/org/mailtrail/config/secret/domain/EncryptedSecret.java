package org.mailtrail.config.secret.domain;

/**
 * A ciphertext and the id of the master key that wrote it.
 *
 * @param keyId the Tink key id of the keyset's primary key at the time of encryption
 */
public record EncryptedSecret(byte[] ciphertext, int keyId) {

    @Override
    public String toString() {
        return "EncryptedSecret[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
