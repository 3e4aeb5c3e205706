package org.mailtrail.matcher.benchmark;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.Topics;
import org.mailtrail.events.directory.ContactType;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.InteractionMatcherApplication;
import org.mailtrail.matcher.directory.domain.DirectoryService;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.Salesperson;
import org.mailtrail.matcher.testdata.Mails;
import org.mailtrail.testsupport.TestInfrastructure;
import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pushes MailReceived through the matcher on a real broker and MongoDB-protocol server (the test
 * infrastructure: addresses from the environment, else Testcontainers, else embedded) and prints
 * mails/s and processing latency, next to a raw broker echo (consume, produce with a synchronous
 * acknowledgement, commit — no processing) measured in the same run on the same broker.
 *
 * <p>Latency is from the moment the driver sends a mail to the moment its last output — the
 * MailDispositionRequested, published after its interactions — arrives at a subscriber. Each
 * pipeline runs twice: a burst of all mails at once (throughput; latency then is mostly queueing)
 * and a paced run at {@code benchmark.rate} mails/s (latency at a sustainable rate).
 *
 * <p>Run: {@code ./mvnw -B -pl interaction-matcher -Pbenchmark test-compile exec:java
 * [-Dbenchmark.mails=5000 -Dbenchmark.rate=200 -Dbenchmark.concurrency=3]}
 */
public final class MatcherBenchmark {

    private static final String ECHO_IN = "bench.echo.in";
    private static final String ECHO_OUT = "bench.echo.out";
    private static final String SENT_AT = "bench-sent-at";
    private static final int CONTACTS = 10_000;
    private static final int SALESPEOPLE = 50;
    private static final int WARMUP = 1_000;

    private final String bootstrap;
    private final int mails;
    private final int rate;
    private final int concurrency;

    private MatcherBenchmark(String bootstrap, int mails, int rate, int concurrency) {
        this.bootstrap = bootstrap;
        this.mails = mails;
        this.rate = rate;
        this.concurrency = concurrency;
    }

    public static void main(String[] args) throws Exception {
        int mails = Integer.getInteger("benchmark.mails", 5_000);
        int rate = Integer.getInteger("benchmark.rate", 200);
        int concurrency = Integer.getInteger("benchmark.concurrency", 3);
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        String bootstrap = infrastructure.kafka().bootstrapServers();
        String mongo = infrastructure.mongo().uri("benchmark_" + System.currentTimeMillis());
        try {
            new MatcherBenchmark(bootstrap, mails, rate, concurrency).runAll(mongo);
        } finally {
            // The embedded broker's threads would keep the JVM (and Maven) alive, also after a failure.
            infrastructure.stop();
        }
    }

    private void runAll(String mongo) throws Exception {
        createTopics();
        System.out.printf("%nmailtrail interaction-matcher benchmark: %d mails, paced at %d/s, concurrency %d, "
                + "%d cores, Java %s%n", mails, rate, concurrency, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        List<Result> results = new ArrayList<>();
        try (Echo echo = new Echo(bootstrap)) {
            echo.start();
            run("broker echo", i -> echoRecord(i), record -> record.key(), results);
        }

        ConfigurableApplicationContext matcher = new SpringApplicationBuilder(InteractionMatcherApplication.class)
                .run("--MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS=" + bootstrap, "--MAILTRAIL_MONGODB_URI=" + mongo,
                        "--MAILTRAIL_PORT=0", "--MAILTRAIL_MATCHER_CONCURRENCY=" + concurrency,
                        // The issuer of the tests; the benchmark calls no other service, but the matcher needs one.
                        "--MAILTRAIL_JWT_ISSUER_URI=" + TestIssuer.shared().issuerUri(),
                        "--MAILTRAIL_TOKEN_URI=" + TestIssuer.shared().tokenUri(),
                        "--MAILTRAIL_CLIENT_ID=" + TestIssuer.SERVICE_CLIENT,
                        "--MAILTRAIL_CLIENT_SECRET=" + TestIssuer.SERVICE_SECRET,
                        "--logging.level.root=WARN");
        try {
            seedDirectory(matcher.getBean(DirectoryService.class));
            run("interaction-matcher", MatcherBenchmark::mail, record -> {
                MailDispositionRequested disposition = ContractJson.mapper().readValue(record.value(),
                        MailDispositionRequested.class);
                return MailKeys.of(disposition.connectionId(), disposition.internetMessageId());
            }, results);
        } finally {
            matcher.close();
        }

        System.out.printf("%n%-22s %-8s %10s %10s %10s %10s%n", "pipeline", "run", "mails/s", "p50 ms", "p99 ms",
                "max ms");
        results.forEach(result -> System.out.printf("%-22s %-8s %10.0f %10.1f %10.1f %10.1f%n", result.pipeline(),
                result.run(), result.perSecond(), result.p50Millis(), result.p99Millis(), result.maxMillis()));
    }

    /** One measured run: what went in and came out, and how fast. */
    record Result(String pipeline, String run, double perSecond, double p50Millis, double p99Millis,
            double maxMillis) {
    }

    /** Sends warm-up records, then a burst, then a paced run, each time until every record came out. */
    private void run(String pipeline, Function<Integer, ProducerRecord<String, byte[]>> record,
            Function<ConsumerRecord<String, byte[]>, String> idOfOutput, List<Result> results)
            throws InterruptedException {
        String out = record.apply(0).topic().equals(ECHO_IN) ? ECHO_OUT : Topics.MAIL_DISPOSITION;
        try (Driver driver = new Driver(bootstrap, out, idOfOutput)) {
            driver.measure(IntStream.range(0, WARMUP).mapToObj(i -> record.apply(-1 - i)).toList(), 0);
            results.add(result(pipeline, "burst", driver.measure(batch(record, 0), 0)));
            results.add(result(pipeline, "paced", driver.measure(batch(record, mails), rate)));
        }
    }

    private List<ProducerRecord<String, byte[]>> batch(Function<Integer, ProducerRecord<String, byte[]>> record,
            int offset) {
        return IntStream.range(offset, offset + mails).mapToObj(record::apply).toList();
    }

    private static Result result(String pipeline, String run, Measurement measurement) {
        Histogram latency = measurement.latency();
        return new Result(pipeline, run, measurement.count() / (measurement.elapsedNanos() / 1e9),
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6);
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(ECHO_IN, concurrency, (short) 1),
                    new NewTopic(ECHO_OUT, concurrency, (short) 1),
                    new NewTopic(Topics.MAIL_RECEIVED, concurrency, (short) 1),
                    new NewTopic(Topics.MAIL_DISPOSITION, concurrency, (short) 1),
                    new NewTopic(Topics.INTERACTION_EVENTS, concurrency, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void seedDirectory(DirectoryService directory) {
        directory.upsertSalespeople(IntStream.range(0, SALESPEOPLE).mapToObj(i -> new Salesperson("SP" + i,
                "Seller " + i, List.of("seller" + i + "@contoso.com"))).toList());
        directory.upsertContacts(IntStream.range(0, CONTACTS).mapToObj(i -> new Contact("CT" + i, "Contact " + i,
                ContactType.PERSON, "CO" + (i % 500), "Company " + (i % 500), "contact" + i + "@customer" + (i % 500)
                        + ".example", List.of("c" + i + "@alt.example"), false)).toList());
    }

    /**
     * A mix like a sales mailbox's: half outbound (to one or two contacts), a quarter inbound (to
     * one or two salespeople), a quarter not logged (contact to contact, unknown sender).
     */
    private static ProducerRecord<String, byte[]> mail(int i) {
        int n = Math.abs(i);
        String seller = "seller" + (n % SALESPEOPLE) + "@contoso.com";
        String contact = "contact" + (n % CONTACTS) + "@customer" + (n % CONTACTS % 500) + ".example";
        String other = "contact" + ((n * 7 + 3) % CONTACTS) + "@customer" + ((n * 7 + 3) % CONTACTS % 500) + ".example";
        Mails mail = Mails.mail().connection("benchmark").id("<bench-" + i + "@contoso.com>")
                .occurredAt(Instant.now()).receivedAt(Instant.now()).sentAt(Instant.now());
        switch (n % 8) {
            case 0, 1 -> mail.from(seller).to(contact);
            case 2, 3 -> mail.from(seller).to(contact).cc(other);
            case 4 -> mail.from(contact).to(seller);
            case 5 -> mail.from(contact).to(seller).cc("seller" + ((n + 1) % SALESPEOPLE) + "@contoso.com");
            case 6 -> mail.from(contact).to(other);
            default -> mail.from("someone" + n + "@unknown.example").to(seller);
        }
        MailReceived event = mail.build();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MAIL_RECEIVED, event.aggregateId(),
                ContractJson.mapper().writeValueAsBytes(event));
        record.headers().add(new RecordHeader("ce_type", MailReceived.TYPE.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static ProducerRecord<String, byte[]> echoRecord(int i) {
        byte[] body = new byte[600];
        return new ProducerRecord<>(ECHO_IN, "<bench-" + i + "@contoso.com>", body);
    }

    /** What one run measured. */
    record Measurement(int count, long elapsedNanos, Histogram latency) {
    }

    /**
     * Sends records (each output identifies its input by id) and follows the output topic from its
     * end, until every input has come out.
     */
    private static final class Driver implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final KafkaConsumer<String, byte[]> outputs;
        private final Function<ConsumerRecord<String, byte[]>, String> idOfOutput;

        Driver(String bootstrap, String out, Function<ConsumerRecord<String, byte[]>, String> idOfOutput) {
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG, 2));
            this.outputs = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            List<TopicPartition> partitions = outputs.partitionsFor(out, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(out, info.partition())).toList();
            outputs.assign(partitions);
            outputs.seekToEnd(partitions);
            partitions.forEach(outputs::position);
            this.idOfOutput = idOfOutput;
        }

        /** Sends all records, {@code perSecond} of them a second (0: as fast as possible), and waits for every output. */
        Measurement measure(List<ProducerRecord<String, byte[]>> records, int perSecond) throws InterruptedException {
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
            long started = System.nanoTime();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < records.size(); i++) {
                    if (perSecond > 0) {
                        // Parked, not spinning: the driver must not take a core from what it measures.
                        long due = started + i * 1_000_000_000L / perSecond;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    ProducerRecord<String, byte[]> record = records.get(i);
                    long now = System.nanoTime();
                    sentAt.put(record.key(), now);
                    record.headers().remove(SENT_AT);
                    record.headers().add(new RecordHeader(SENT_AT, ByteBuffer.allocate(8).putLong(now).array()));
                    producer.send(record);
                }
                producer.flush();
            }, "benchmark-sender");
            sender.start();
            int received = 0;
            long last = started;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (received < records.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + received + " of " + records.size() + " came out");
                }
                for (ConsumerRecord<String, byte[]> output : outputs.poll(Duration.ofMillis(50))) {
                    Long sent = sentAt.remove(idOfOutput.apply(output));
                    if (sent != null) {
                        last = System.nanoTime();
                        latency.recordValue(Math.max(0, last - sent));
                        received++;
                    }
                }
            }
            sender.join();
            return new Measurement(received, last - started, latency);
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
            outputs.close();
        }
    }

    /**
     * The baseline: consume a record, produce it to the output topic and wait for the broker's
     * acknowledgement (as the matcher publishes), commit after each poll. No decoding, no MongoDB.
     */
    private static final class Echo implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final KafkaProducer<String, byte[]> producer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::loop, "broker-echo");
        private final CountDownLatch assigned = new CountDownLatch(1);

        Echo(String bootstrap) {
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "benchmark-echo",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            // As the matcher's output bindings: acknowledged one by one, no lingering for a batch.
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG, 0));
        }

        void start() throws InterruptedException {
            consumer.subscribe(List.of(ECHO_IN));
            thread.start();
            // Until the group has assigned the partitions, records sent would be skipped ("latest").
            if (!assigned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the echo consumer got no partitions within 30 s");
            }
        }

        private void loop() {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                if (!consumer.assignment().isEmpty()) {
                    assigned.countDown();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    try {
                        producer.send(new ProducerRecord<>(ECHO_OUT, record.key(), record.value())).get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
            consumer.close();
            producer.close();
        }
    }
}
