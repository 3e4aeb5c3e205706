package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.InfrastructureTestApplication.FiledMail;
import org.mailtrail.testsupport.InfrastructureTestApplication.FiledMailRepository;
import org.mailtrail.testsupport.security.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * Proves that an {@link IntegrationTest} runs on a real broker through Spring Cloud Stream's Kafka
 * binder and on a real MongoDB-protocol server through Spring Data, including the failure paths
 * the services rely on: dead-lettering and unique indexes.
 */
@IntegrationTest(classes = InfrastructureTestApplication.class)
class InfrastructureIT implements ActuatorEndpointsContract, BindingConfigurationContract {

    @Override
    public boolean isContractBinding(String bindingName) {
        // This test application's own topics, not the contract's.
        return false;
    }

    private static final String IN = "infra.greetings";
    private static final String OUT = "infra.replies";
    private static final String DLQ = IN + ".infrastructure-it.dlq";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    @Nested
    class ThroughTheKafkaBinder {

        @Autowired
        Map<String, AtomicInteger> attempts;

        @Test
        void reportsTheBinderUp(@LocalServerPort int port) {
            JsonNode health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                    .retrieve().body(JsonNode.class);

            assertThat(health.at("/components/binders/status").asString()).isEqualTo("UP");
        }

        @Test
        void deadLettersAPoisonRecordWithItsCauseAndStillProcessesTheNextRecord(@LocalServerPort int port) {
            KafkaTopicProbe kafka = KafkaTopicProbe.shared();

            kafka.send(IN, "k1", json("{\"name\":\"Ada\"}"), JSON);
            kafka.send(IN, "k2", json("{\"name\": not json"), JSON);
            kafka.send(IN, "k3", json("{\"name\":\"Grace\"}"), JSON);

            assertThat(kafka.find(OUT, r -> text(r.value()).contains("hello Grace"), WAIT))
                    .as("the reply to the record after the poison one").isPresent();
            assertThat(kafka.read(OUT, 2, WAIT)).extracting(r -> text(r.value()))
                    .containsExactly("{\"text\":\"hello Ada\"}", "{\"text\":\"hello Grace\"}");
            assertThat(attempts.get("Ada")).hasValue(1);

            ConsumerRecord<String, byte[]> poison = deadLetter("k2");
            assertThat(text(poison.value())).isEqualTo("{\"name\": not json");
            assertThat(header(poison, "x-exception-message")).contains("not a valid Greeting");
            assertThat(header(poison, "x-exception-fqcn")).isNotBlank();
            assertThat(header(poison, "x-original-topic")).isEqualTo(IN);
            assertThat(prometheus(port)).containsPattern(
                    "mailtrail_messages_deadlettered_total\\{.*cause=\"PoisonMessageException\".*topic=\"infra.greetings\".*} [1-9]");
        }

        @Test
        void deadLettersARecordThatBreaksTheContractWithTheMissingField() {
            KafkaTopicProbe.shared().send(IN, "k-invalid", json("{\"nickname\":\"no name\"}"), JSON);

            assertThat(header(deadLetter("k-invalid"), "x-exception-message")).contains("name");
        }

        @Test
        void retriesAFailingRecordABoundedNumberOfTimesBeforeDeadLetteringIt() {
            KafkaTopicProbe.shared().send(IN, "k-unlucky", json("{\"name\":\"unlucky-1\"}"), JSON);

            ConsumerRecord<String, byte[]> deadLetter = deadLetter("k-unlucky");
            assertThat(header(deadLetter, "x-exception-message")).contains("a downstream outage for unlucky-1");
            assertThat(attempts.get("unlucky-1")).as("max-attempts").hasValue(3);
        }
    }

    @Nested
    class ThroughSpringDataMongo {

        @Autowired
        FiledMailRepository mails;

        @Test
        void storesAndReadsBackADocument() {
            FiledMail saved = mails.save(new FiledMail(null, "sales@contoso.com", "<read-back@x>"));

            assertThat(mails.findById(saved.id())).contains(saved);
        }

        @Test
        void refusesADuplicateUnderAUniqueCompoundIndex() {
            mails.save(new FiledMail(null, "sales@contoso.com", "<once@x>"));

            assertThatThrownBy(() -> mails.insert(new FiledMail(null, "sales@contoso.com", "<once@x>")))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThat(mails.save(new FiledMail(null, "other@contoso.com", "<once@x>")).id()).isNotNull();
        }

        @Test
        void usesADatabaseNamedAfterTheTestClass(@Value("${spring.mongodb.uri}") String uri) {
            assertThat(uri).endsWith("/it_infrastructureit");
        }
    }

    /** The dead letter of the record sent with this key; other tests dead-letter on the same topic. */
    private static ConsumerRecord<String, byte[]> deadLetter(String key) {
        return KafkaTopicProbe.shared().find(DLQ, key, WAIT)
                .orElseThrow(() -> new AssertionError("no dead letter with key " + key + " on " + DLQ));
    }

    private static String prometheus(int port) {
        return RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth(Tokens.metrics())).retrieve()
                .body(String.class);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }
}
