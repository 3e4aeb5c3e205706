package org.mailtrail.config.secret.domain;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master keyset comes from: its Tink JSON text or a file holding it. The text wins when both are given;
 * without either the service does not start.
 *
 * @param masterKeyset the master keyset as Tink JSON text
 * @param masterKeysetFile a file holding the master keyset as Tink JSON, e.g. a mounted Kubernetes Secret; read
 *        again by a re-encryption, so a rotated file needs no restart
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
