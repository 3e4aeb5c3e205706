package org.mailtrail.ingestor.graph;

import java.security.PrivateKey;
import java.util.Optional;

/** The private keys of the certificates Graph encrypts rich notifications with, by certificate id. */
public interface DecryptionKeys {

    /** The key of the certificate a notification names; empty for one the ingestor does not hold. */
    Optional<PrivateKey> privateKey(String certificateId);
}
