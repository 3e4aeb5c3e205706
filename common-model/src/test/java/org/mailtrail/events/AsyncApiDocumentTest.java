package org.mailtrail.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** asyncapi.yaml is what subscribers read: it must name every topic and describe every type as the records are. */
class AsyncApiDocumentTest {

    private static final JsonNode DOCUMENT = load();

    @Test
    void isAnAsyncApiThreeDocument() {
        assertThat(DOCUMENT.get("asyncapi").asString()).startsWith("3.");
    }

    @Test
    void documentsEveryTopicConstantAsAChannel() throws IllegalAccessException {
        Set<String> addresses = new HashSet<>();
        DOCUMENT.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));

        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertThat(addresses).as("channel for Topics.%s", field.getName()).contains((String) field.get(null));
            }
        }
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void marksExactlyTheCompactedTopicsAsCompacted() {
        DOCUMENT.get("channels").forEach(channel -> {
            String policy = channel.at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asString();
            boolean compacted = Topics.COMPACTED.contains(channel.get("address").asString());
            assertThat(policy).as(channel.get("address").asString()).isEqualTo(compacted ? "compact" : "delete");
        });
    }

    static Stream<ContractType> contractTypes() {
        return ContractTypes.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTypes")
    void documentsEachTypeOnItsTopicUnderItsCloudEventTypeWithAKey(ContractType type) {
        JsonNode message = DOCUMENT.at("/components/messages/" + type.name());
        assertThat(message.isMissingNode()).as("message %s", type.name()).isFalse();
        assertThat(message.get("name").asString()).isEqualTo(type.cloudEventType());
        assertThat(message.at("/bindings/kafka/key/description").asString()).isNotBlank();

        JsonNode channel = channelOf(type.topic());
        assertThat(channel.at("/messages/" + type.name() + "/$ref").asString())
                .isEqualTo("#/components/messages/" + type.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTypes")
    void describesThePayloadWithExactlyTheRecordsFields(ContractType type) {
        JsonNode schema = DOCUMENT.at("/components/schemas/" + type.name());
        Set<String> documented = new HashSet<>();
        schema.get("properties").propertyNames().forEach(documented::add);

        List<String> fields = Arrays.stream(type.recordClass().getRecordComponents()).map(RecordComponent::getName).toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(fields);
        schema.get("required").forEach(required -> assertThat(fields).contains(required.asString()));
    }

    private static JsonNode channelOf(String topic) {
        for (JsonNode channel : DOCUMENT.get("channels")) {
            if (channel.get("address").asString().equals(topic)) {
                return channel;
            }
        }
        throw new AssertionError("no channel for " + topic);
    }

    private static JsonNode load() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
