package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mailtrail.emulator.mailbox.MessageView;

import tools.jackson.databind.JsonNode;

/**
 * What a stream of mail through the whole of mailtrail must end in, as a user or subscriber sees it, for the tests
 * that send one while things break: every mail out of the Inbox and its disposition in the ledger, the interaction
 * log holding exactly the interactions the mails call for, every mail in exactly its one folder, each connection's
 * ledger adding up to what its mailbox received, and no record on any dead-letter topic.
 */
final class RunChecks {

    /**
     * One mail as the checks need it.
     *
     * @param interactions as {@link ChaosMail#interaction} makes them
     * @param folder the one folder the mail must end in
     */
    record Expected(String internetMessageId, String mailbox, List<String> interactions, String folder) {

        static Expected of(ChaosMail mail) {
            return new Expected(mail.internetMessageId(), mail.mailbox(), mail.interactions(), mail.expectedFolder());
        }
    }

    private final MailtrailUnderTest mailtrail;
    private final Api admin;
    private final Api manager;
    /** The connections, each reading the mailbox of the same index. */
    private final List<String> connections;
    private final List<String> mailboxes;

    /** @param manager a sales manager, who sees every salesperson's interactions */
    RunChecks(MailtrailUnderTest mailtrail, Api admin, Api manager, List<String> connections, List<String> mailboxes) {
        if (connections.size() != mailboxes.size()) {
            throw new IllegalArgumentException("one connection per mailbox: " + connections + " and " + mailboxes);
        }
        this.mailtrail = mailtrail;
        this.admin = admin;
        this.manager = manager;
        this.connections = List.copyOf(connections);
        this.mailboxes = List.copyOf(mailboxes);
    }

    /** Every mail has left the Inbox and has its disposition in the ledger. */
    boolean settled(int mails) {
        // The Inbox first: it is in this JVM, while each ledger is a few counts over the matcher's store.
        if (!mailboxes.stream().allMatch(mailbox -> mailtrail.emulator().messages(mailbox, "inbox").isEmpty())) {
            return false;
        }
        long done = 0;
        for (String connection : connections) {
            JsonNode ledger = ledger(connection);
            if (ledger == null) {
                return false;
            }
            done += ledger.at("/mailbox/ARCHIVED").asLong() + ledger.at("/mailbox/DELETED").asLong()
                    + ledger.at("/mailbox/HELD").asLong() + ledger.at("/mailbox/FAILED").asLong();
        }
        return done >= mails;
    }

    /** Where each mailbox stands: mails left in its Inbox, and its ledger's counts. */
    String progress() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            JsonNode ledger = ledger(connections.get(i));
            parts.add(mailboxes.get(i) + " inbox " + mailtrail.emulator().messages(mailboxes.get(i), "inbox").size()
                    + ", ledger " + (ledger == null ? "unavailable" : ledger.toString()));
        }
        return String.join("; ", parts);
    }

    /** Every check but Graph's: the interaction log, the folders, the ledgers and the dead-letter topics. */
    void assertEveryMailLoggedOnceAndDisposedOnce(List<Expected> mails) {
        assertThat(loggedInteractions()).as("interactions in the log")
                .isEqualTo(mails.stream().flatMap(mail -> mail.interactions().stream()).collect(Collectors.toSet()));
        assertThat(misplaced(mails)).as("mails not in exactly their one folder").isEmpty();
        for (int i = 0; i < connections.size(); i++) {
            String connection = connections.get(i);
            String mailbox = mailboxes.get(i);
            JsonNode ledger = ledger(connection);
            assertThat(ledger.path("failed").asLong()).as("failed mails of %s", connection).isZero();
            assertThat(ledger.at("/mailbox/FAILED").asLong()).as("failed dispositions of %s", connection).isZero();
            // The ledger's invariant, and its total equal to what the mailbox received.
            assertThat(ledger.path("logged").asLong() + ledger.path("excluded").asLong()
                    + ledger.path("held").asLong() + ledger.path("failed").asLong())
                    .as("logged + excluded + held + failed of %s: %s", connection, ledger)
                    .isEqualTo(ledger.path("received").asLong());
            assertThat(ledger.path("received").asLong()).as("mails %s received", mailbox)
                    .isEqualTo(mails.stream().filter(mail -> mail.mailbox().equals(mailbox)).count());
        }
        assertThat(deadLetters()).as("records on dead-letter topics").isEmpty();
    }

    /**
     * Graph saw no request to the run's mailboxes before the Retry-After it had asked for. The run's mailboxes only:
     * an early request of another run is that run's failure, not this one's.
     */
    void assertNoRequestBeforeItsRetryAfter() {
        assertThat(mailtrail.emulator().earlyRetries(mailboxes))
                .as("requests to %s sent before their Retry-After elapsed: %s", mailboxes, earlyRequests()).isZero();
    }

    /** The early requests to the run's mailboxes: what, how early, and which answer's Retry-After it ignored. */
    private List<String> earlyRequests() {
        return mailtrail.emulator().earlyRequests().stream()
                .filter(r -> r.mailbox() != null && mailboxes.stream().anyMatch(r.mailbox()::equalsIgnoreCase))
                .map(r -> r.arrivedAt() + " " + r.method() + " " + r.path() + (r.inBatch() ? " (in $batch)" : "")
                        + " " + r.early().byMillis() + " ms early; Retry-After from " + r.early().askedBy().answeredAt()
                        + " " + r.early().askedBy().operation() + " " + r.early().askedBy().path())
                .toList();
    }

    /** Every interaction of the run's connections in the log, each listed once. */
    Set<String> loggedInteractions() {
        List<String> logged = new ArrayList<>();
        for (String connection : connections) {
            String cursor = null;
            do {
                JsonNode page = manager.get(mailtrail.url("interaction-matcher") + "/api/interactions?connectionId="
                        + connection + "&limit=200" + (cursor == null ? "" : "&cursor=" + cursor)).body();
                for (JsonNode item : page.path("items")) {
                    logged.add(ChaosMail.interaction(item.path("internetMessageId").asString(),
                            item.path("contactId").asString(), item.path("salespersonCode").asString()));
                }
                cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
            } while (cursor != null);
        }
        Set<String> distinct = new HashSet<>(logged);
        assertThat(logged).as("interactions listed twice").hasSameSizeAs(distinct);
        return distinct;
    }

    /** The partitions of {@code topic} that hold a record under one of {@code keys}, read from the broker. */
    Set<Integer> partitionsHolding(String topic, Set<String> keys) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Set<Integer> partitions = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> all = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (all.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within a minute");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        partitions.add(record.partition());
                    }
                }
            }
        }
        return partitions;
    }

    private JsonNode ledger(String connection) {
        return admin.get(mailtrail.url("interaction-matcher") + "/api/ledger/" + connection).body();
    }

    private List<String> misplaced(List<Expected> mails) {
        Map<String, List<String>> folders = new HashMap<>();
        for (String mailbox : mailboxes) {
            for (String folder : List.of("inbox", "archive", "deleteditems", ChaosMail.HOLD_FOLDER)) {
                for (MessageView message : mailtrail.emulator().messages(mailbox, folder)) {
                    folders.computeIfAbsent(message.internetMessageId(), id -> new ArrayList<>()).add(folder);
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Expected mail : mails) {
            List<String> where = folders.getOrDefault(mail.internetMessageId(), List.of());
            if (!where.equals(List.of(mail.folder()))) {
                wrong.add(mail.internetMessageId() + " in " + where + ", expected " + mail.folder());
            }
        }
        return wrong;
    }

    /** Records on every dead-letter topic of the broker, by topic. */
    Map<String, Long> deadLetters() {
        try (Admin kafka = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mailtrail.stack().bootstrapServers()))) {
            Set<String> dlqs = kafka.listTopics().names().get().stream().filter(topic -> topic.endsWith(".dlq"))
                    .collect(Collectors.toSet());
            Map<String, Long> records = new HashMap<>();
            for (var topic : kafka.describeTopics(dlqs).allTopicNames().get().values()) {
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                topic.partitions().forEach(partition -> {
                    earliest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
                });
                long first = kafka.listOffsets(earliest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
                long last = kafka.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
                if (last > first) {
                    records.put(topic.name(), last - first);
                }
            }
            return records;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dead-letter topics", e);
        }
    }
}
