package org.mailtrail.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A small service that writes with the platform's outbox: a salesperson document and the
 * {@code SalespersonUpserted} it owes, in one write. Started with {@code outbox-test.hold=true}, it
 * stops between the write and the publish and says so on standard output, so a test can kill it
 * exactly there.
 */
@SpringBootApplication
public class OutboxTestApplication {

    static final String COLLECTION = "salespeople";
    /** A second collection whose records must never overtake the first's. */
    static final String LATER_COLLECTION = "salespeopleLater";

    @Document(COLLECTION)
    record SalespersonDocument(@Id String code, String name, List<OutboxEntry> outbox) {
    }

    /** Writes, then publishes unless told to hold. */
    static class Salespeople {

        private final MongoTemplate mongo;
        private final Outbox outbox;
        private final Clock clock;

        Salespeople(MongoTemplate mongo, Outbox outbox, Clock clock) {
            this.mongo = mongo;
            this.outbox = outbox;
            this.clock = clock;
        }

        SalespersonUpserted write(String code, String name) {
            SalespersonUpserted event = event(code, name, clock.instant());
            mongo.insert(new SalespersonDocument(code, name, List.of(outbox.entry(event))), COLLECTION);
            return event;
        }

        void publish(String code) {
            outbox.publish(COLLECTION, code);
        }
    }

    static SalespersonUpserted event(String code, String name, Instant at) {
        return new SalespersonUpserted(EventIds.of(SalespersonUpserted.TYPE, code, name), at, 1, code, name,
                List.of(code.toLowerCase() + "@contoso.example"));
    }

    @Bean
    OutboxCollections outboxCollections() {
        return OutboxCollections.of(COLLECTION, LATER_COLLECTION);
    }

    @Bean
    Salespeople salespeople(MongoTemplate mongo, Outbox outbox, Clock clock) {
        return new Salespeople(mongo, outbox, clock);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> writeOnStart(Salespeople salespeople, Environment environment) {
        return ready -> {
            String code = environment.getProperty("outbox-test.write");
            if (code == null) {
                return;
            }
            SalespersonUpserted written = salespeople.write(code, "Written before a crash");
            if (environment.getProperty("outbox-test.hold", Boolean.class, false)) {
                System.out.println("WRITTEN " + written.eventId());
                System.out.flush();
                awaitKill();
            }
            salespeople.publish(code);
        };
    }

    private static void awaitKill() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(OutboxTestApplication.class, args);
    }
}
