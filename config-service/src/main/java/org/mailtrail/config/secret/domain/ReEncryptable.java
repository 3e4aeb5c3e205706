package org.mailtrail.config.secret.domain;

/** A store that keeps encrypted secrets and can put them under the current primary key. */
public interface ReEncryptable {

    /** Re-encrypts what is not under the primary key yet; never fails as a whole for one bad entry. */
    ReEncryptionResult reEncrypt(Secrets secrets);
}
