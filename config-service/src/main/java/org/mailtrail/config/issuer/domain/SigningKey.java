package org.mailtrail.config.issuer.domain;

import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * One of the issuer's RS256 signing keys.
 *
 * @param kid the key id in the JWT header and the JWK set
 * @param generation 1 for the first key, one more for each rotation; unique, so two replicas rotating at once
 *        make one key, not two
 * @param activeFrom when it starts to sign; until then it is only published
 * @param retiredAt when its successor took over; null while it is the newest key
 * @param jwk the key pair, private part included
 */
public record SigningKey(String kid, long generation, Instant createdAt, Instant activeFrom, Instant retiredAt,
        RSAKey jwk) {

    public boolean signsAt(Instant now) {
        return !activeFrom.isAfter(now);
    }

    /** Whether tokens it signed may still be alive: not retired, or retired less than {@code retention} ago. */
    public boolean publishedAt(Instant now, Duration retention) {
        return retiredAt == null || retiredAt.plus(retention).isAfter(now);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", generation=" + generation + ", activeFrom=" + activeFrom + ", retiredAt="
                + retiredAt + "]";
    }
}
