package org.mailtrail.config.secret.domain;

import java.util.Set;

/** A store that keeps encrypted secrets and can put them under the current primary key. */
public interface ReEncryptable {

    /** Re-encrypts what is not under the primary key yet; never fails as a whole for one bad entry. */
    ReEncryptionResult reEncrypt(Secrets secrets);

    /** The ids of the master keys its secrets are encrypted under: a new keyset must still hold each of them. */
    Set<Integer> keyIdsInUse();
}
