package org.mailtrail.config.consent.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.mailtrail.config.consent.domain.PendingConsent;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code consent_requests} collection. A state is taken (read and removed in one step) so it can complete
 * a consent once only; expired ones are swept when new ones start, as TTL indexes are not everywhere enforced.
 * The PKCE verifier is kept encrypted like every other secret.
 */
@Repository
public class PendingConsentStore {

    private static final String COLLECTION = "consent_requests";

    record PendingDocument(@Id String state, String connectionId, byte[] codeVerifier, String redirectUrl,
            boolean changeAccount, String startedBy, Instant expiresAt) {
    }

    private final MongoTemplate mongo;
    private final SecretCipher cipher;

    public PendingConsentStore(MongoTemplate mongo, SecretCipher cipher) {
        this.mongo = mongo;
        this.cipher = cipher;
    }

    public void save(PendingConsent consent) {
        byte[] verifier = cipher.encrypt(consent.codeVerifier(), context(consent.state())).ciphertext();
        mongo.insert(new PendingDocument(consent.state(), consent.connectionId(), verifier,
                consent.redirectUrl().toString(), consent.changeAccount(), consent.startedBy(), consent.expiresAt()),
                COLLECTION);
    }

    public Optional<PendingConsent> take(String state) {
        PendingDocument document = mongo.findAndRemove(query(where("_id").is(state)), PendingDocument.class, COLLECTION);
        return Optional.ofNullable(document).map(d -> new PendingConsent(d.state(), d.connectionId(),
                cipher.decrypt(d.codeVerifier(), context(d.state())).reveal(), URI.create(d.redirectUrl()),
                d.changeAccount(), d.startedBy(), d.expiresAt()));
    }

    private static String context(String state) {
        return "consent/" + state + "/code-verifier";
    }

    public void removeExpired(Instant now) {
        mongo.remove(query(where("expiresAt").lt(now)), COLLECTION);
    }
}
