package org.mailtrail.config.secret.domain;

import java.time.Clock;
import java.util.List;

import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.platform.scheduling.Timers;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

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
    MasterKeysetReloader masterKeysetReloader(SecretCipher cipher, List<ReEncryptable> stores, MeterRegistry meters,
            Clock clock) {
        return new MasterKeysetReloader(cipher, stores, meters, clock);
    }

    /** A mounted keyset file is looked at every reload interval once the service is up; an inline one never changes. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> masterKeysetPolling(SecretCipher cipher, MasterKeysetReloader reloader,
            Timers timers, SecretsProperties properties) {
        return ready -> {
            if (cipher.reloadable()) {
                timers.every("master keyset reload", properties.masterKeysetReloadInterval(), reloader::check);
            }
        };
    }

    @Bean
    MasterKeysetHealthIndicator masterKeysetHealthIndicator(SecretCipher cipher, MasterKeysetReloader reloader) {
        return new MasterKeysetHealthIndicator(cipher, reloader);
    }

    @Bean
    ReEncryption reEncryption(Secrets secrets, MasterKeysetReloader reloader, List<ReEncryptable> stores,
            AuditLog audit) {
        return new ReEncryption(secrets, reloader, stores, audit);
    }
}
