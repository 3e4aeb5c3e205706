package org.mailtrail.config.secret.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Where the master keyset comes from: its Tink JSON text or a file holding it. The text wins when both are given;
 * without either the service does not start.
 *
 * @param masterKeyset the master keyset as Tink JSON text
 * @param masterKeysetFile a file holding the master keyset as Tink JSON, e.g. a mounted Kubernetes Secret; read
 *        again when its content changes, so a rotated file needs no restart
 * @param masterKeysetReloadInterval how often the master keyset file is looked at for a changed content
 * @param allowedReferences the prefixes a connection's {@code env:} and {@code file:} secret references must start
 *        with (see {@link SecretReferencePolicy})
 */
@ConfigurationProperties("mailtrail.secrets")
public record SecretsProperties(String masterKeyset, Path masterKeysetFile, Duration masterKeysetReloadInterval,
        List<String> allowedReferences) {

    static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);

    @ConstructorBinding
    public SecretsProperties {
        if (masterKeysetReloadInterval == null) {
            masterKeysetReloadInterval = DEFAULT_RELOAD_INTERVAL;
        }
        if (masterKeysetReloadInterval.isNegative() || masterKeysetReloadInterval.isZero()) {
            throw new IllegalArgumentException("MAILTRAIL_MASTER_KEYSET_RELOAD_INTERVAL must be positive, not "
                    + masterKeysetReloadInterval);
        }
        allowedReferences = allowedReferences == null ? List.of() : List.copyOf(allowedReferences);
    }

    /** The master keyset alone, no reference allowed but {@code keyvault:} ones. */
    public SecretsProperties(String masterKeyset, Path masterKeysetFile) {
        this(masterKeyset, masterKeysetFile, DEFAULT_RELOAD_INTERVAL, List.of());
    }

    public boolean hasInlineKeyset() {
        return masterKeyset != null && !masterKeyset.isBlank();
    }

    public boolean hasKeysetFile() {
        return masterKeysetFile != null && !masterKeysetFile.toString().isBlank();
    }
}
