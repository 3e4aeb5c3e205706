package org.mailtrail.config.secret.domain;

import java.util.List;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.ProblemException;

/** A re-encryption found no usable master keyset to reload; the service goes on with the keyset it had. */
public class MasterKeysetNotReloadedException extends ProblemException {

    public MasterKeysetNotReloadedException(MissingMasterKeyException cause) {
        super(ConfigProblems.MASTER_KEYSET_NOT_RELOADED,
                cause.getMessage() + "; the service keeps using the keyset it had", List.of(), cause);
    }
}
