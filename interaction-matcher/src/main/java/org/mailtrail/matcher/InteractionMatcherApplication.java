package org.mailtrail.matcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class InteractionMatcherApplication {

    public static void main(String[] args) {
        SpringApplication.run(InteractionMatcherApplication.class, args);
    }
}
