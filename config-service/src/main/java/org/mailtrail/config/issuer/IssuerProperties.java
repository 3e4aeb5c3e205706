package org.mailtrail.config.issuer;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded issuer.
 *
 * @param enabled whether config-service runs the issuer at all; nothing of it exists otherwise
 * @param url the issuer identifier ({@code iss}), the same on every replica, e.g. {@code http://127.0.0.1:8081}
 * @param clientsFile the JSON array of registered clients
 * @param usersFile the JSON array of people who sign in
 * @param peopleAudience the {@code aud} of people's access tokens
 * @param scopeAudiences the {@code aud} each scope a service is granted stands for, as
 *        {@code scope=audience,scope=audience} (scope names hold dots, which map keys in properties do not keep)
 * @param keyRotation the age at which the signing key is replaced by a new one
 * @param keyCache how long a replica keeps the signing keys it read before it reads them again; a new key is
 *        published this long before it signs, so every replica has it by then
 * @param sweepInterval how often due rotations, expired keys and expired authorizations are looked for
 */
@ConfigurationProperties("mailtrail.issuer")
public record IssuerProperties(boolean enabled, String url, Path clientsFile, Path usersFile,
        @DefaultValue("mailtrail") String peopleAudience,
        @DefaultValue(DEFAULT_SCOPE_AUDIENCES) String scopeAudiences,
        @DefaultValue("30d") Duration keyRotation, @DefaultValue("10s") Duration keyCache,
        @DefaultValue("5m") Duration sweepInterval) {

    public static final String DEFAULT_SCOPE_AUDIENCES = "connections.token=mailtrail-config-service,"
            + "messages.link=mailtrail-mail-ingestor,messages.read=mailtrail-mail-ingestor,metrics.read=mailtrail-metrics";
}
