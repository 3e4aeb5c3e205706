package org.mailtrail.testsupport;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.mailtrail.platform.messaging.ContractMessages;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.config.EnableMongoRepositories;
import org.springframework.messaging.Message;

/** A minimal application for proving the infrastructure: one function on Kafka, one repository on MongoDB. */
@SpringBootApplication
@EnableMongoRepositories(considerNestedRepositories = true)
class InfrastructureTestApplication {

    record Greeting(String name) {
        Greeting {
            Objects.requireNonNull(name, "name");
        }
    }

    record Reply(String text) {
    }

    /** Counts the attempts per name, so a test can tell retried records from dead-lettered ones. */
    @Bean
    Map<String, AtomicInteger> attempts() {
        return new ConcurrentHashMap<>();
    }

    @Bean
    Function<Message<byte[]>, Reply> greet(ContractMessages messages, Map<String, AtomicInteger> attempts) {
        return message -> {
            Greeting greeting = messages.decode(message, Greeting.class);
            attempts.computeIfAbsent(greeting.name(), name -> new AtomicInteger()).incrementAndGet();
            if (greeting.name().startsWith("unlucky")) {
                throw new IllegalStateException("a downstream outage for " + greeting.name());
            }
            return new Reply("hello " + greeting.name());
        };
    }

    @Document("filedMails")
    @CompoundIndex(name = "mailbox_message", def = "{'mailbox': 1, 'internetMessageId': 1}", unique = true)
    record FiledMail(@Id String id, String mailbox, String internetMessageId) {
    }

    interface FiledMailRepository extends MongoRepository<FiledMail, String> {
    }
}
