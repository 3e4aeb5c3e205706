package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.e2e.MailtrailUnderTest.Tenant;
import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.emulator.faults.NotificationFault;
import org.mailtrail.events.Contract;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.ContractType;
import org.mailtrail.events.ContractTypes;
import org.mailtrail.events.directory.ContactType;
import org.mailtrail.events.directory.ContactUpserted;

/**
 * Nothing is lost and nothing is counted twice while things break. Each test sends the same kind of
 * mail stream through the whole of mailtrail (the services as processes, a real broker, a
 * MongoDB-protocol server, graph-emulator as Microsoft 365) while one fault strikes, and then checks
 * what a user would: the interaction log holds exactly the interactions the mails call for, every
 * mail has left the Inbox for exactly one folder (Archive when logged, the hold folder when the directory
 * may still learn its sender, Deleted Items otherwise), each connection's ledger accounts for every mail
 * its mailbox received (received = logged + excluded + held + failed), Graph never saw a request sent
 * before the Retry-After it had asked for, and every dead-letter topic is empty.
 *
 * <p>The size is {@code -Dchaos.mails} mails per fault: a bounded number inside {@code ./mvnw verify},
 * 10,000 for the full suite (see the README). Mail is spread over mailboxes of at most 2,000 mails,
 * each its own connection, so that no mailbox needs more Graph requests than Outlook's budget
 * allows in ten minutes.
 */
class ChaosIT {

    private static final int MAILS = Integer.getInteger("chaos.mails", 240);
    private static final int MAILS_PER_MAILBOX = 2_000;
    private static final int MAILS_PER_SECOND = Math.max(20, MAILS / 100);
    /**
     * Four services killed and started one after the other take up to two minutes: mail keeps coming all along, and
     * what is left comes at the steady rate once all four are back.
     */
    private static final int MAILS_PER_SECOND_WHILE_KILLING = Math.max(2, MAILS / 120);
    private static final Duration SETTLE = Duration.ofMinutes(Math.max(5, MAILS / 500));
    /**
     * The full suite cuts MongoDB off for ten minutes, twice the consumers' standard {@code max.poll.interval.ms};
     * the bounded one for 90 s, twice that interval set to 45 s (not lower: a MongoDB call waits up to 30 s for a
     * server).
     */
    private static final boolean FULL_SIZE = MAILS >= 10_000;
    private static final Duration MONGO_OUTAGE = FULL_SIZE ? Duration.ofMinutes(10) : Duration.ofSeconds(90);
    private static final Duration MAX_POLL_INTERVAL = FULL_SIZE ? Duration.ofMinutes(5) : Duration.ofSeconds(45);
    private static final String TENANT = "3c9d7f41-8a2b-4e6c-9d1f-0a2b3c4d5e6f";
    private static final String CLIENT = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String SECRET = "chaos-secret";
    private static final List<String> RUNS = List.of("killed", "broker", "mongo", "throttled", "dropped", "fivefold",
            "evicted");

    @RegisterExtension
    static final MailtrailUnderTest mailtrail = MailtrailUnderTest.forTenant("chaos", new Tenant(TENANT, CLIENT, SECRET))
            .mailboxes(RUNS.stream().flatMap(run -> mailboxes(run).stream()).toList())
            .stack(stack -> stack.withMongoOutageSwitch().withMongoInMemory()
                    .withKafkaMaxPollInterval(MAX_POLL_INTERVAL));
    private static final Api admin = new Api().as(() -> mailtrail.stack().adminToken());
    /** A sales manager, who sees every salesperson's interactions. */
    private static final Api manager = new Api().as(() -> mailtrail.stack().personToken("maria"));

    @BeforeAll
    static void loadTheDirectory() {
        Directory.loadForChaos(admin, mailtrail.url("interaction-matcher"));
    }

    @AfterEach
    void clearFaults() {
        mailtrail.emulator().clearFaults();
        mailtrail.emulator().clearNotificationFaults();
    }

    @Test
    void nothingIsLostOrDuplicatedWhenEachServiceInTurnIsKilledAndStartedAgain() {
        Run run = Run.prepare("killed");
        run.deliver(MAILS_PER_SECOND_WHILE_KILLING);
        run.awaitDelivered(0.1);
        for (String service : List.of("config-service", "mail-ingestor", "interaction-matcher", "opportunity-service")) {
            System.out.println("chaos: SIGKILL " + service + " at " + run.delivered() + " mails delivered");
            mailtrail.stack().crashAndRestart(service);
        }
        run.speedUp();
        run.assertEveryMailLoggedOnceAndDisposedOnce();
    }

    @Test
    void nothingIsLostOrDuplicatedWhenTheKafkaBrokerRestarts() {
        Run run = Run.start("broker");
        run.awaitDelivered(0.3);
        System.out.println("chaos: restarting the Kafka broker at " + run.delivered() + " mails delivered");
        mailtrail.stack().restartKafka();
        run.assertEveryMailLoggedOnceAndDisposedOnce();
    }

    /** Consumers pause through the outage: no member leaves its group, nothing is dead-lettered for waiting. */
    @Test
    void nothingIsLostOrDuplicatedWhenMongoDbIsUnreachableLongerThanTheConsumersMayGoWithoutPolling() {
        Run run = Run.prepare("mongo");
        // Mail keeps coming all through the outage, so every consumer has records to wait with: a tenth of the mails
        // before it, eight tenths during it, the last tenth at the steady rate once it is over.
        run.deliver(0.8 * MAILS / MONGO_OUTAGE.toSeconds());
        run.awaitDelivered(0.1);
        long rebalancesBefore = mailtrail.stack().consumerRebalances();
        long heldBefore = mailtrail.stack().deliveriesHeldForOutages();
        System.out.println("chaos: MongoDB unreachable for " + MONGO_OUTAGE.toSeconds() + " s at " + run.delivered()
                + " mails delivered (max.poll.interval.ms " + MAX_POLL_INTERVAL.toMillis() + ")");
        mailtrail.stack().mongoUnreachableFor(MONGO_OUTAGE);
        run.speedUpAt(Instant.now().plus(MONGO_OUTAGE));
        // The CRM changes the directory in the middle of the outage: a record the matcher cannot store until it ends.
        String contactId = "CT-DURING-OUTAGE";
        publish(new ContactUpserted(UUID.randomUUID(), Instant.now(), 1, contactId, "Outage Olsen", ContactType.PERSON,
                null, null, "olsen@outage.example", List.of(), false));
        run.assertEveryMailLoggedOnceAndDisposedOnce();
        await().atMost(Duration.ofMinutes(1)).until(() -> admin.get(mailtrail.url("interaction-matcher")
                + "/api/directory/contacts/" + contactId).status() == 200);
        assertThat(mailtrail.stack().deliveriesHeldForOutages()).as("deliveries that waited out the outage")
                .isGreaterThan(heldBefore);
        assertThat(mailtrail.stack().consumerRebalances()).as("rebalances of the services' consumers")
                .isEqualTo(rebalancesBefore);
    }

    /** Publishes a contract as its producer does: keyed by its aggregate, with its CloudEvents headers. */
    private static void publish(Contract contract) {
        ContractType type = ContractTypes.of(contract.getClass());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), contract.aggregateId(),
                ContractJson.mapper().writeValueAsBytes(contract));
        record.headers().add("ce_type", type.cloudEventType().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", contract.eventId().toString().getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + type.name(), e);
        }
    }

    @Test
    void nothingIsLostOrDuplicatedWhenGraphAnswersThirtyPercentOfRequestsWith429() {
        long throttledBefore = mailtrail.emulator().counters().throttled().getOrDefault("fault", 0L);
        mailtrail.emulator().injectFault(Fault.throttle(1).fraction(0.3).always());
        Run run = Run.start("throttled");
        run.assertEveryMailLoggedOnceAndDisposedOnce();
        assertThat(mailtrail.emulator().counters().throttled().getOrDefault("fault", 0L)).as("429s sent")
                .isGreaterThan(throttledBefore);
    }

    @Test
    void nothingIsLostWhenEveryNotificationIsDropped() {
        long droppedBefore = mailtrail.emulator().counters().notificationsDropped();
        Run run = Run.prepare("dropped");
        mailtrail.emulator().injectNotificationFault(NotificationFault.dropAll());
        run.deliver();
        run.assertEveryMailLoggedOnceAndDisposedOnce();
        assertThat(mailtrail.emulator().counters().notificationsDropped() - droppedBefore).as("notifications dropped")
                .isGreaterThanOrEqualTo(run.size());
    }

    @Test
    void nothingIsDuplicatedWhenEveryNotificationIsDeliveredFiveTimes() {
        long duplicatedBefore = mailtrail.emulator().counters().notificationsDuplicated();
        Run run = Run.prepare("fivefold");
        mailtrail.emulator().injectNotificationFault(NotificationFault.deliverEach(5));
        run.deliver();
        run.assertEveryMailLoggedOnceAndDisposedOnce();
        assertThat(mailtrail.emulator().counters().notificationsDuplicated() - duplicatedBefore)
                .as("extra copies delivered").isEqualTo(4L * run.size());
    }

    @Test
    void nothingIsLostOrDuplicatedWhenTheDeltaTokenIsEvictedMidRun() {
        Run run = Run.start("evicted");
        run.awaitDelivered(0.5);
        int evicted = run.mailboxes.stream().mapToInt(mailtrail.emulator()::evictDeltaTokens).sum();
        System.out.println("chaos: evicted " + evicted + " delta tokens at " + run.delivered() + " mails delivered");
        assertThat(evicted).as("delta tokens evicted").isPositive();
        run.assertEveryMailLoggedOnceAndDisposedOnce();
    }

    static List<String> mailboxes(String run) {
        int count = (MAILS + MAILS_PER_MAILBOX - 1) / MAILS_PER_MAILBOX;
        return IntStream.range(0, count).mapToObj(i -> "chaos-" + run + "-" + i + "@contoso.com").toList();
    }

    /** One fault's share of the suite: its connections, its mails and what they must become. */
    static final class Run {

        final String name;
        final List<String> mailboxes;
        final List<String> connections;
        final List<ChaosMail> mails;
        private final AtomicInteger delivered = new AtomicInteger();
        private final RunChecks checks;
        private CompletableFuture<Void> delivery;
        /** From when the rest of the mails come at the steady rate, {@code null} while the rate given holds. */
        private volatile Instant steadyFrom;

        private Run(String name) {
            this.name = name;
            this.mailboxes = mailboxes(name);
            this.connections = mailboxes.stream().map(mailbox -> mailbox.substring(0, mailbox.indexOf('@'))).toList();
            this.mails = IntStream.range(0, MAILS)
                    .mapToObj(i -> ChaosMail.number(i, name, mailboxes.get(i % mailboxes.size()))).toList();
            this.checks = new RunChecks(mailtrail, admin, manager, connections, mailboxes);
        }

        /** Connects the run's mailboxes and waits until Graph pushes their notifications. */
        static Run prepare(String name) {
            Run run = new Run(name);
            for (int i = 0; i < run.mailboxes.size(); i++) {
                // The safety-net round comes every 5 minutes by default; the shortest a connection may ask for
                // keeps the run with every notification dropped from only waiting longer.
                mailtrail.connect(admin, run.connections.get(i), run.mailboxes.get(i), Map.of("pollInterval", "PT30S"));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> run.mailboxes.stream().allMatch(mailbox ->
                    mailtrail.emulator().subscriptions().stream()
                            .anyMatch(s -> mailbox.equalsIgnoreCase(s.mailboxAddress()))));
            return run;
        }

        static Run start(String name) {
            Run run = prepare(name);
            run.deliver();
            return run;
        }

        void deliver() {
            deliver(MAILS_PER_SECOND);
        }

        /** Delivers the mails at the given rate, in the background, until told to {@link #speedUp()}. */
        void deliver(double mailsPerSecond) {
            long interval = (long) (TimeUnit.SECONDS.toNanos(1) / mailsPerSecond);
            long steadyInterval = TimeUnit.SECONDS.toNanos(1) / MAILS_PER_SECOND;
            delivery = CompletableFuture.runAsync(() -> {
                long next = System.nanoTime();
                for (ChaosMail mail : mails) {
                    mailtrail.emulator().deliver(mail.mailbox(), mail.toMail());
                    delivered.incrementAndGet();
                    Instant steady = steadyFrom;
                    next += steady != null && !Instant.now().isBefore(steady) ? Math.min(interval, steadyInterval)
                            : interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            });
        }

        /** The mails not yet delivered come at the steady rate from now on. */
        void speedUp() {
            speedUpAt(Instant.now());
        }

        /** The mails not yet delivered at {@code moment} come at the steady rate from then on. */
        void speedUpAt(Instant moment) {
            steadyFrom = moment;
        }

        int size() {
            return mails.size();
        }

        int delivered() {
            return delivered.get();
        }

        void awaitDelivered(double share) {
            await().atMost(Duration.ofMinutes(10)).until(() -> delivered.get() >= share * mails.size());
        }

        void assertEveryMailLoggedOnceAndDisposedOnce() {
            delivery.join();
            Instant started = Instant.now();
            try {
                await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> checks.settled(mails.size()));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("run " + name + " not settled within " + SETTLE + ": " + checks.progress(), e);
            }
            System.out.printf("chaos: %s — %d mails settled %d s after the last delivery%n", name, mails.size(),
                    Duration.between(started, Instant.now()).toSeconds());

            checks.assertEveryMailLoggedOnceAndDisposedOnce(mails.stream().map(RunChecks.Expected::of).toList());
            checks.assertNoRequestBeforeItsRetryAfter();
        }
    }
}
