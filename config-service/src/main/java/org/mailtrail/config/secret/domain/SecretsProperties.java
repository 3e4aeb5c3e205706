package org.mailtrail.config.secret.domain;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master keyset comes from: its Tink JSON text ({@code MAILTRAIL_MASTER_KEYSET}) or a file holding it
 * ({@code MAILTRAIL_MASTER_KEYSET_FILE}, e.g. a mounted Kubernetes Secret). The text wins when both are given.
 */
@ConfigurationProperties("mailtrail.secrets")
public record SecretsProperties(String masterKeyset, Path masterKeysetFile) {

    public boolean hasInlineKeyset() {
        return masterKeyset != null && !masterKeyset.isBlank();
    }

    public boolean hasKeysetFile() {
        return masterKeysetFile != null && !masterKeysetFile.toString().isBlank();
    }
}
