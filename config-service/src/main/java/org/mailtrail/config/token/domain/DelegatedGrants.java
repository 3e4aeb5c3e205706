package org.mailtrail.config.token.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.mailtrail.config.secret.domain.SecretValue;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.token.store.DelegatedGrantStore;

/** The consented refresh tokens of DELEGATED connections, stored encrypted and rotated as Entra rotates them. */
public class DelegatedGrants {

    private final DelegatedGrantStore store;
    private final Secrets secrets;
    private final Clock clock;

    public DelegatedGrants(DelegatedGrantStore store, Secrets secrets, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Optional<DelegatedGrant> find(String connectionId) {
        return store.find(connectionId);
    }

    /** Stores a fresh consent, replacing any earlier one of the connection. */
    public DelegatedGrant consented(String connectionId, String refreshToken, String account, String actor) {
        Instant now = clock.instant();
        DelegatedGrant grant = new DelegatedGrant(connectionId,
                secrets.cipher().encrypt(refreshToken, DelegatedGrant.context(connectionId)), account, now, actor, now);
        store.save(grant);
        return grant;
    }

    public SecretValue refreshToken(DelegatedGrant grant) {
        return secrets.cipher().decrypt(grant.refreshToken().ciphertext(), DelegatedGrant.context(grant.connectionId()));
    }

    /** Keeps the refresh token Entra rotated in; the old one may stop working. */
    public void rotated(DelegatedGrant grant, String refreshToken) {
        store.rotate(grant.connectionId(), grant.consentedAt(),
                secrets.cipher().encrypt(refreshToken, DelegatedGrant.context(grant.connectionId())), clock.instant());
    }
}
