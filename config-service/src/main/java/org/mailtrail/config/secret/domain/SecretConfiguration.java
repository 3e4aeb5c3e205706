package org.mailtrail.config.secret.domain;

import java.util.List;

import org.mailtrail.config.audit.domain.AuditLog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretConfiguration {

    /** Made eagerly at start: without a master keyset the service must not come up. */
    @Bean
    SecretCipher secretCipher(SecretsProperties properties) {
        return new SecretCipher(properties);
    }

    @Bean
    Secrets secrets(SecretCipher cipher, KeyVaultSecrets keyVault, SecretsProperties properties) {
        SecretReferencePolicy policy = new SecretReferencePolicy(properties.allowedReferences(),
                properties.masterKeysetFile());
        return new Secrets(cipher, new SecretReferenceResolver(System::getenv, keyVault, policy));
    }

    @Bean
    ReEncryption reEncryption(Secrets secrets, List<ReEncryptable> stores, AuditLog audit) {
        return new ReEncryption(secrets, stores, audit);
    }
}
