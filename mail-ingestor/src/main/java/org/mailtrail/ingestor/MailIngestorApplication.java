package org.mailtrail.ingestor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MailIngestorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MailIngestorApplication.class, args);
    }
}
