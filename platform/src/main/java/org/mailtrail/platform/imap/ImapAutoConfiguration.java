package org.mailtrail.platform.imap;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/** The service's {@link ImapConnector}, in a service that has Jakarta Mail (Eclipse Angus) on its class path. */
@AutoConfiguration
@ConditionalOnClass(name = "org.eclipse.angus.mail.imap.IMAPStore")
@EnableConfigurationProperties(ImapProperties.class)
public class ImapAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    ImapConnector imapConnector(ImapProperties properties) {
        return new ImapConnector(properties);
    }
}
