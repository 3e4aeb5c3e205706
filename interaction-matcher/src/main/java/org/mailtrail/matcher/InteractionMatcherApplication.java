package org.mailtrail.matcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InteractionMatcherApplication {

    public static void main(String[] args) {
        SpringApplication.run(InteractionMatcherApplication.class, args);
    }
}
