package org.mailtrail.config.secret.domain;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The master keyset in use (key ids only), and the refusal of a changed file while there is one. It stays
 * {@code UP} through a refusal: the service works on with the keyset it has, and taking it out of service would turn
 * an operator's mistake into an outage. The details name the refusal; alerts read the
 * {@code mailtrail.keyset.refused} gauge.
 */
public class MasterKeysetHealthIndicator extends AbstractHealthIndicator {

    private final SecretCipher cipher;
    private final MasterKeysetReloader reloader;

    public MasterKeysetHealthIndicator(SecretCipher cipher, MasterKeysetReloader reloader) {
        super("master keyset state unknown");
        this.cipher = cipher;
        this.reloader = reloader;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("source", cipher.source()).withDetail("primaryKeyId", cipher.primaryKeyId())
                .withDetail("keys", cipher.keys().size());
        reloader.refusal().ifPresent(refusal -> builder.withDetail("refused", refusal.reason())
                .withDetail("refusedAt", refusal.at().toString()));
    }
}
