package org.mailtrail.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Each contract type reads its golden JSON into its record and writes it back unchanged. */
class GoldenJsonTest {

    private static final JsonMapper MAPPER = ContractJson.mapper();

    // Compares numbers by value and scale, so 48000.00 stays 48000.00 on both sides.
    private static final JsonMapper TREE_READER = ContractJson.configure(JsonMapper.builder())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static Stream<ContractType> contractTypes() {
        return ContractTypes.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTypes")
    void readsGoldenJsonIntoItsRecordAndWritesItBackEqual(ContractType type) {
        String golden = golden(type);

        Contract record = MAPPER.readValue(golden, type.recordClass());
        String written = MAPPER.writeValueAsString(record);

        assertThat(TREE_READER.readTree(written)).isEqualTo(TREE_READER.readTree(golden));
        assertThat(MAPPER.readValue(written, type.recordClass())).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTypes")
    void goldenJsonCarriesTheFieldsEveryMessageCarries(ContractType type) {
        Contract record = MAPPER.readValue(golden(type), type.recordClass());

        assertThat(record.eventId()).isNotNull();
        assertThat(record.occurredAt()).isNotNull();
        assertThat(record.schemaVersion()).isEqualTo(1);
        assertThat(record.aggregateId()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTypes")
    void ignoresPropertiesAddedByANewerProducer(ContractType type) {
        ObjectNode newer = (ObjectNode) TREE_READER.readTree(golden(type));
        newer.put("addedInAFutureVersion", "ignored");
        newer.putObject("nested").put("also", true);

        Contract record = MAPPER.readValue(newer.toString(), type.recordClass());

        assertThat(record).isEqualTo(MAPPER.readValue(golden(type), type.recordClass()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTypes")
    void refusesAMessageWithoutItsAggregateId(ContractType type) {
        ObjectNode withoutId = (ObjectNode) TREE_READER.readTree(golden(type));
        withoutId.remove("eventId");

        assertThatThrownBy(() -> MAPPER.readValue(withoutId.toString(), type.recordClass()))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void writesInstantsAsIsoStringsInUtcAndLeavesNullsOut() {
        MailReceived mail = new MailReceived(UUID.fromString("6a1d3c52-8b0e-3f41-a7d2-5c9e0b4f1a23"),
                Instant.parse("2026-11-27T09:16:02.481Z"), 1, "c1", "<m1@x>", null, "imm-1", null,
                new EmailAddress(null, "a@contoso.com"), null, List.of(new EmailAddress("B", "b@fabrikam.com")),
                null, "Hello", Instant.parse("2026-11-27T09:14:58Z"), null, false, null, false, null, null, null);

        JsonNode json = MAPPER.valueToTree(mail);

        assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-27T09:16:02.481Z");
        assertThat(json.get("sentDateTime").asString()).isEqualTo("2026-11-27T09:14:58Z");
        assertThat(json.has("messageId")).isFalse();
        assertThat(json.has("receivedDateTime")).isFalse();
        assertThat(json.get("sender").has("name")).isFalse();
        assertThat(json.get("ccRecipients").isArray()).isTrue();
        assertThat(json.has("aggregateId")).as("the key is not part of the payload").isFalse();
    }

    @Test
    void readsAnAbsentFlagAsFalseSoThatFlagsCanBeAddedLater() {
        ObjectNode older = (ObjectNode) TREE_READER.readTree(golden(ContractTypes.of(MailReceived.class)));
        older.remove("hasAttachments");

        assertThat(MAPPER.readValue(older.toString(), MailReceived.class).hasAttachments()).isFalse();
    }

    @Test
    void derivesTheSameEventIdForTheSameFact() {
        assertThat(EventIds.of(MailReceived.TYPE, "c1", "<m1@x>"))
                .isEqualTo(EventIds.of(MailReceived.TYPE, "c1", "<m1@x>"))
                .isNotEqualTo(EventIds.of(MailReceived.TYPE, "c1", "<m2@x>"))
                .isNotEqualTo(EventIds.of(MailReceived.TYPE, "c1<m1@x>"));
    }

    @Test
    void findsEveryTypeByItsCloudEventTypeAndEveryTypeIsUnique() {
        for (ContractType type : ContractTypes.ALL) {
            assertThat(ContractTypes.byCloudEventType(type.cloudEventType())).contains(type);
            assertThat(ContractTypes.of(type.recordClass())).isEqualTo(type);
            assertThat(Topics.ALL).contains(type.topic());
        }
        assertThat(ContractTypes.byCloudEventType("org.example.Unknown")).isEmpty();
    }

    private static String golden(ContractType type) {
        String path = "/contracts/" + type.name() + ".json";
        try (InputStream in = GoldenJsonTest.class.getResourceAsStream(path)) {
            assertThat(in).as("golden JSON %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
