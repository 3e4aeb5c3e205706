package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailtrail.e2e.Directory.salespersonAddress;
import static org.mailtrail.e2e.Directory.salespersonCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.e2e.MailtrailUnderTest.Tenant;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.events.Topics;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.localrun.benchmark.Prometheus;

import tools.jackson.databind.JsonNode;

/**
 * mailtrail at two instances of every service, as production runs it, loses and duplicates nothing while instances
 * come and go. One run: mail keeps coming at a steady rate into several mailboxes while (a) one instance of each
 * service after another is killed with SIGKILL and started again, (c) a new contact is imported through whichever
 * matcher instance the import reaches and mail from that contact follows, its Kafka keys falling on every partition
 * of {@code mail.received.v1} so that every matcher instance matches some of it, and (b) every instance is
 * restarted in an orderly way, one instance of a service at a time (a rolling restart, the services' rollouts side by
 * side as a deployment of all of them rolls). Then the checks of {@link ChaosIT}: the interaction log holds exactly
 * the interactions the mails call for, the new contact's mails among them; every mail is in exactly one folder;
 * each connection's ledger adds up to what its mailbox received; Graph saw no request before its Retry-After; every
 * dead-letter topic is empty.
 *
 * <p>The size is {@code -Dchaos.mails}, as for the chaos suite: a bounded number inside {@code ./mvnw verify},
 * 10,000 for the full run (see the README).
 */
class ReplicasIT {

    private static final int MAILS = Integer.getInteger("chaos.mails", 240);
    private static final int INSTANCES = 2;
    private static final int MAILS_PER_MAILBOX = 2_000;
    /** Several connections, so that each ingestor instance holds the lease of some. */
    private static final int MAILBOXES = Math.max(4, (MAILS + MAILS_PER_MAILBOX - 1) / MAILS_PER_MAILBOX);
    /**
     * The mail is spread over two minutes, about the time the kills and the import take on a busy two-core machine
     * (the new contact's mail then keeps coming through the rolling restart).
     */
    private static final Duration DELIVERY = Duration.ofMinutes(2);
    /**
     * The new contact's mails keep coming at this pace from the import until the rolling restart is over, and at
     * least {@link #NEW_CONTACT_MAILS} of them: enough keys that they fall on all twelve partitions of
     * {@code mail.received.v1} (the test reads the broker to be sure).
     */
    private static final int NEW_CONTACT_MAILS = Math.max(96, MAILS / 10);
    private static final Duration NEW_CONTACT_INTERVAL = Duration.ofSeconds(90).dividedBy(NEW_CONTACT_MAILS);
    private static final Duration SETTLE = Duration.ofMinutes(Math.max(5, MAILS / 500));
    /** The order the kills and each step of the rolling restart take. */
    private static final List<String> SERVICES = List.of("config-service", "mail-ingestor", "interaction-matcher",
            "opportunity-service", "console");
    /** Each kill comes this share of the mail after the one before. */
    private static final double BETWEEN_KILLS = 0.03;
    private static final String RUN = "replicas";
    private static final String NEW_CONTACT_ID = "CT-NEW";
    private static final String NEW_CONTACT_ADDRESS = "first.buyer@newcomer.example";
    private static final String TENANT = "5b7e2c19-3d4f-4a6b-8c9d-0e1f2a3b4c5d";
    private static final String CLIENT = "9c8b7a6d-5e4f-4d3c-8b2a-1f0e9d8c7b6a";
    private static final String SECRET = "replicas-secret";

    private static final List<String> MAILBOX_ADDRESSES = IntStream.range(0, MAILBOXES)
            .mapToObj(i -> RUN + "-" + i + "@contoso.com").toList();
    private static final List<String> CONNECTIONS = IntStream.range(0, MAILBOXES).mapToObj(i -> RUN + "-" + i)
            .toList();

    @RegisterExtension
    static final MailtrailUnderTest mailtrail = MailtrailUnderTest.forTenant(RUN, new Tenant(TENANT, CLIENT, SECRET))
            .mailboxes(MAILBOX_ADDRESSES)
            .stack(stack -> stack.withInstances(INSTANCES).withMongoInMemory());
    private static final Api admin = new Api().as(() -> mailtrail.stack().adminToken());
    /** A sales manager, who sees every salesperson's interactions. */
    private static final Api manager = new Api().as(() -> mailtrail.stack().personToken("maria"));
    /** Deliveries and restarts side by side: the common pool has one thread on two cores. */
    private static final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeAll
    static void loadTheDirectory() {
        Directory.loadForChaos(admin, mailtrail.url("interaction-matcher"));
    }

    @AfterAll
    static void stopTheBackground() {
        background.shutdownNow();
    }

    @Test
    void nothingIsLostOrDuplicatedWhileInstancesAreKilledAndRestartedOneByOneAndANewContactArrives() {
        assertThat(mailtrail.stack().instances()).as("instances of each service").isEqualTo(INSTANCES);
        connectTheMailboxes();
        List<ChaosMail> chaosMails = IntStream.range(0, MAILS)
                .mapToObj(n -> ChaosMail.number(n, RUN, MAILBOX_ADDRESSES.get(n % MAILBOXES))).toList();
        Delivery chaos = Delivery.start(n -> new Delivery.Item(chaosMails.get(n).mailbox(), chaosMails.get(n).toMail()),
                DELIVERY.dividedBy(MAILS), delivered -> delivered < MAILS);
        chaos.awaitDelivered(MAILS / 10);

        killOneInstanceOfEachServiceInTurn(chaos);
        importTheNewContact(chaos);
        AtomicBoolean restarted = new AtomicBoolean();
        Delivery newContact = Delivery.start(n -> NewContactMail.number(n).delivery(), NEW_CONTACT_INTERVAL,
                delivered -> delivered < NEW_CONTACT_MAILS || !restarted.get());
        restartEveryInstanceOneAtATimePerService(chaos, newContact);
        restarted.set(true);

        Instant lastDelivery = Collections.max(List.of(chaos.finished(), newContact.finished()));
        List<NewContactMail> newContactMails = IntStream.range(0, newContact.delivered())
                .mapToObj(NewContactMail::number).toList();
        List<RunChecks.Expected> expected = new ArrayList<>();
        chaosMails.forEach(mail -> expected.add(RunChecks.Expected.of(mail)));
        newContactMails.forEach(mail -> expected.add(mail.expected()));
        RunChecks checks = new RunChecks(mailtrail, admin, manager, CONNECTIONS, MAILBOX_ADDRESSES);
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(3)).until(() -> checks.settled(expected.size()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("run " + RUN + " not settled within " + SETTLE + ": " + checks.progress(), e);
        }
        System.out.printf("%s: %d mails (%d of them with %s) settled %d s after the last delivery%n", RUN,
                expected.size(), newContactMails.size(), NEW_CONTACT_ID,
                Duration.between(lastDelivery, Instant.now()).toSeconds());

        checks.assertEveryMailLoggedOnceAndDisposedOnce(expected);
        assertThat(checks.loggedInteractions()).as("the new contact's mails logged as interactions")
                .containsAll(newContactMails.stream().flatMap(mail -> mail.interactions().stream()).toList());
        Set<Integer> partitions = checks.partitionsHolding(Topics.MAIL_RECEIVED, newContactMails.stream()
                .map(mail -> MailKeys.of(CONNECTIONS.get(MAILBOX_ADDRESSES.indexOf(mail.mailbox())),
                        mail.internetMessageId()))
                .collect(Collectors.toSet()));
        System.out.printf("%s: the new contact's mails on partitions %s of %s%n", RUN, partitions,
                Topics.MAIL_RECEIVED);
        assertThat(partitions).as("partitions of %s holding the new contact's mails", Topics.MAIL_RECEIVED)
                .containsExactlyElementsOf(IntStream.range(0, receivedPartitions()).boxed().toList());
        checks.assertNoRequestBeforeItsRetryAfter();
    }

    /** Connects every mailbox and waits until Graph pushes its notifications and every matcher knows the directory. */
    private static void connectTheMailboxes() {
        for (int i = 0; i < MAILBOXES; i++) {
            mailtrail.connect(admin, CONNECTIONS.get(i), MAILBOX_ADDRESSES.get(i), Map.of("pollInterval", "PT30S"));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> MAILBOX_ADDRESSES.stream().allMatch(mailbox -> mailtrail
                .emulator().subscriptions().stream().anyMatch(s -> mailbox.equalsIgnoreCase(s.mailboxAddress()))));
        // The directory reached one matcher instance; no mail may reach another before it knows the directory too.
        awaitEveryMatcherInstance("the chaos directory", "/api/directory",
                summary -> summary.path("contacts").asInt() == Directory.CONTACTS
                        && summary.path("salespeople").asInt() == Directory.SALESPEOPLE);
    }

    /**
     * Kills one instance of each service with SIGKILL, a few mails after the one before, and starts each again at
     * once: for a while an instance of every service is down or starting, as when a node dies. Of the ingestor, the
     * instance that runs the most connections dies, so that their leases must expire and move.
     */
    private static void killOneInstanceOfEachServiceInTurn(Delivery chaos) {
        int ingestor = ingestorRunningTheMostConnections();
        Instant started = Instant.now();
        List<CompletableFuture<Void>> recovering = new ArrayList<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            int instance = service.equals("mail-ingestor") ? ingestor : i % INSTANCES + 1;
            chaos.awaitDelivered((int) (MAILS * (0.1 + i * BETWEEN_KILLS)));
            System.out.printf("%s: SIGKILL %s instance %d at %d mails delivered%n", RUN, service, instance,
                    chaos.delivered());
            recovering.add(CompletableFuture.runAsync(() -> mailtrail.stack().crashAndRestart(service, instance),
                    background));
        }
        CompletableFuture.allOf(recovering.toArray(CompletableFuture[]::new)).join();
        System.out.printf("%s: every killed instance ready again %d s after the first kill, at %d mails delivered%n",
                RUN, Duration.between(started, Instant.now()).toSeconds(), chaos.delivered());
    }

    /** Imports the new contact through the matcher's address, which hands the import to one instance. */
    private static void importTheNewContact(Delivery chaos) {
        Instant importing = Instant.now();
        Api.Response imported = admin.put(mailtrail.url("interaction-matcher") + "/api/directory/contacts",
                List.of(Map.of("contactId", NEW_CONTACT_ID, "name", "First Buyer", "type", "PERSON",
                        "companyId", "CO-NEW", "companyName", "Newcomer Ltd", "email", NEW_CONTACT_ADDRESS)));
        assertThat(imported.status()).as("import of %s: %s", NEW_CONTACT_ID, imported.body()).isEqualTo(200);
        assertThat(imported.body().path("upserted").asInt()).as("contacts upserted").isEqualTo(1);
        // The other instances read the import from MongoDB at their refresh interval; a mail matched by one of them
        // before then would be held, as the matcher documents. The new contact's mail is sent once all know it.
        awaitEveryMatcherInstance(NEW_CONTACT_ID, "/api/directory/contacts/" + NEW_CONTACT_ID,
                contact -> NEW_CONTACT_ADDRESS.equals(contact.path("email").asString()));
        System.out.printf("%s: %s imported at %d mails delivered; every matcher instance knew it %d ms after the "
                + "import was sent%n", RUN, NEW_CONTACT_ID, chaos.delivered(),
                Duration.between(importing, Instant.now()).toMillis());
        List<Integer> shares = awaitMailPartitionsAssigned();
        System.out.printf("%s: %s's partitions over the matcher instances' %d consumers: %s%n", RUN,
                Topics.MAIL_RECEIVED, shares.size(), shares);
    }

    /**
     * A rolling restart: each service's instances stopped in an orderly way, started and awaited ready one after
     * the other, the services side by side (as a deployment of every service rolls them).
     */
    private static void restartEveryInstanceOneAtATimePerService(Delivery chaos, Delivery newContact) {
        Instant started = Instant.now();
        for (int instance = 1; instance <= INSTANCES; instance++) {
            int restarting = instance;
            Instant stepStarted = Instant.now();
            CompletableFuture.allOf(SERVICES.stream().map(service -> CompletableFuture.runAsync(
                    () -> mailtrail.stack().restart(service, restarting), background))
                    .toArray(CompletableFuture[]::new)).join();
            System.out.printf("%s: rolling restart, instance %d of every service stopped, started and ready in %d s "
                    + "(%d + %d mails delivered)%n", RUN, restarting, Duration.between(stepStarted, Instant.now())
                    .toSeconds(), chaos.delivered(), newContact.delivered());
        }
        System.out.printf("%s: rolling restart of %d instances took %d s%n", RUN, INSTANCES * SERVICES.size(),
                Duration.between(started, Instant.now()).toSeconds());
    }

    /**
     * The ingestor instance that has run the most delta rounds since it started: only the instance holding a
     * connection's lease runs its rounds, and no instance has restarted yet.
     */
    private static int ingestorRunningTheMostConnections() {
        Prometheus prometheus = new Prometheus(mailtrail.stack()::metricsToken);
        Map<Integer, Double> rounds = new TreeMap<>();
        for (int instance = 1; instance <= INSTANCES; instance++) {
            String url = mailtrail.stack().url("mail-ingestor", instance);
            // A scrape may time out on a machine this busy: it is asked again.
            String scrape = await().atMost(Duration.ofMinutes(1)).until(() -> prometheus.scrape(url),
                    Optional::isPresent).orElseThrow();
            rounds.put(instance, Prometheus.sum(scrape, "mailtrail_delta_rounds_total", ""));
        }
        System.out.printf("%s: delta rounds per ingestor instance so far: %s%n", RUN, rounds);
        return rounds.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Waits until every matcher instance, asked directly, answers {@code path} as {@code known} says it does. */
    private static void awaitEveryMatcherInstance(String what, String path, Predicate<JsonNode> known) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    IntStream.rangeClosed(1, INSTANCES).allMatch(instance -> {
                        Api.Response answer = admin.get(mailtrail.stack().url("interaction-matcher", instance) + path);
                        return answer.status() == 200 && answer.body() != null && known.test(answer.body());
                    }));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not every matcher instance knows " + what + " within 30 s", e);
        }
    }

    /**
     * Waits until the matcher's consumer group has every partition of {@code mail.received.v1} assigned again after
     * the kills, and answers how many each consumer holds. The instances' consumers share the one group; a consumer
     * does not say which instance it belongs to.
     */
    private static List<Integer> awaitMailPartitionsAssigned() {
        Supplier<List<Integer>> shares = () -> {
            try (Admin kafka = Admin.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers()))) {
                ConsumerGroupDescription group = kafka.describeConsumerGroups(List.of("interaction-matcher"))
                        .describedGroups().get("interaction-matcher").get();
                return group.members().stream()
                        .map(member -> (int) member.assignment().topicPartitions().stream()
                                .filter(partition -> partition.topic().equals(Topics.MAIL_RECEIVED)).count())
                        .filter(count -> count > 0).sorted().toList();
            } catch (Exception e) {
                throw new IllegalStateException("cannot describe the matcher's consumer group", e);
            }
        };
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(shares::get,
                counts -> counts.stream().mapToInt(Integer::intValue).sum() == receivedPartitions());
    }

    private static int receivedPartitions() {
        try (Admin kafka = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers()))) {
            return kafka.describeTopics(List.of(Topics.MAIL_RECEIVED)).allTopicNames().get().get(Topics.MAIL_RECEIVED)
                    .partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + Topics.MAIL_RECEIVED, e);
        }
    }

    /**
     * One mail between the new contact and a salesperson, sent only once the contact is imported: inbound and
     * outbound take turns, and each makes one interaction.
     */
    record NewContactMail(int number, String mailbox) {

        static NewContactMail number(int number) {
            return new NewContactMail(number, MAILBOX_ADDRESSES.get(number % MAILBOXES));
        }

        String internetMessageId() {
            return "<" + RUN + "-new-contact-" + number + "@mailtrail.test>";
        }

        Mail toMail() {
            Mail.Builder mail = Mail.builder().internetMessageId(internetMessageId())
                    .subject("New contact #" + number).body("Mail " + number + " with the new contact")
                    .sentDateTime(Instant.now().minusSeconds(2)).receivedDateTime(Instant.now());
            return number % 2 == 0
                    ? mail.from(NEW_CONTACT_ADDRESS).to(salespersonAddress(number)).build()
                    : mail.from(salespersonAddress(number)).to(NEW_CONTACT_ADDRESS).build();
        }

        List<String> interactions() {
            return List.of(ChaosMail.interaction(internetMessageId(), NEW_CONTACT_ID, salespersonCode(number)));
        }

        Delivery.Item delivery() {
            return new Delivery.Item(mailbox, toMail());
        }

        RunChecks.Expected expected() {
            return new RunChecks.Expected(internetMessageId(), mailbox, interactions(), "archive");
        }
    }

    /** Mails delivered one after the other at a steady pace, in the background, for as long as the test wants more. */
    static final class Delivery {

        record Item(String mailbox, Mail mail) {
        }

        private final AtomicInteger delivered = new AtomicInteger();
        private CompletableFuture<Instant> running;

        /**
         * @param mail the mail of each number, from 0, and its mailbox; made as it is delivered
         * @param more whether to deliver another, given how many were
         */
        static Delivery start(IntFunction<Item> mail, Duration interval, IntPredicate more) {
            Delivery delivery = new Delivery();
            delivery.running = CompletableFuture.supplyAsync(() -> {
                long next = System.nanoTime();
                for (int n = 0; more.test(n); n++) {
                    Item item = mail.apply(n);
                    mailtrail.emulator().deliver(item.mailbox(), item.mail());
                    delivery.delivered.incrementAndGet();
                    next += interval.toNanos();
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                return Instant.now();
            }, background);
            return delivery;
        }

        int delivered() {
            return delivered.get();
        }

        void awaitDelivered(int mails) {
            await().atMost(Duration.ofMinutes(10)).until(() -> delivered.get() >= mails);
        }

        /** When the last mail was delivered; waits for it. */
        Instant finished() {
            return running.join();
        }
    }
}
