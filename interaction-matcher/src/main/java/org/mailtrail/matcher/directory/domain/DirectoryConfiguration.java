package org.mailtrail.matcher.directory.domain;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    /** The one index of the application; {@link DirectoryService} fills it and keeps it current. */
    @Bean
    AddressIndex addressIndex() {
        return new AddressIndex();
    }
}
