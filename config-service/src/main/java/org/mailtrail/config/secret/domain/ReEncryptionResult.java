package org.mailtrail.config.secret.domain;

/**
 * What a re-encryption pass did.
 *
 * @param failed entries that no key of the keyset opens any more (their key was removed); they need a new secret
 */
public record ReEncryptionResult(int reEncrypted, int alreadyCurrent, int failed) {

    public static final ReEncryptionResult NONE = new ReEncryptionResult(0, 0, 0);

    public ReEncryptionResult plus(ReEncryptionResult other) {
        return new ReEncryptionResult(reEncrypted + other.reEncrypted, alreadyCurrent + other.alreadyCurrent,
                failed + other.failed);
    }
}
