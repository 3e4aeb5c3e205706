package org.mailtrail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class ContractMessagesTest {

    private final ContractMessages messages = new ContractMessages(ContractJson.mapper(), "/mailtrail/test");

    private final SalespersonUpserted salesperson = new SalespersonUpserted(
            EventIds.of(SalespersonUpserted.TYPE, "AB", "1"), Instant.parse("2026-11-27T10:00:00Z"), 1, "AB",
            "Anna Berg", List.of("anna.berg@contoso.com"));

    @Test
    void keysTheRecordByItsAggregateAndAddsTheCloudEventHeaders() {
        Message<byte[]> message = messages.encode(salesperson);

        assertThat(message.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("AB".getBytes(StandardCharsets.UTF_8));
        assertThat(message.getHeaders()).containsEntry("ce_id", salesperson.eventId().toString())
                .containsEntry("ce_type", SalespersonUpserted.TYPE)
                .containsEntry("ce_source", "/mailtrail/test")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_time", "2026-11-27T10:00:00Z")
                .containsEntry("content-type", "application/json");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(messages.decode(messages.encode(salesperson), SalespersonUpserted.class)).isEqualTo(salesperson);
    }

    @Test
    void picksTheRecordByItsCloudEventTypeOnATopicWithSeveralTypes() {
        InteractionLinkedToOpportunity linked = new InteractionLinkedToOpportunity(
                EventIds.of(InteractionLinkedToOpportunity.TYPE, "i1"), Instant.now(), 1, "i1", "CT1", "o1", "OP-1",
                OpportunityLinkSource.CONVERSATION);
        Message<byte[]> asBytes = MessageBuilder.withPayload(messages.encode(linked).getPayload())
                .setHeader("ce_type", InteractionLinkedToOpportunity.TYPE.getBytes(StandardCharsets.UTF_8)).build();

        assertThat(messages.decode(asBytes)).isEqualTo(linked);
    }

    @Test
    void picksTheRecordByTheTypeAsSpringCloudFunctionHandsItToAFunction() {
        InteractionLinkedToOpportunity linked = new InteractionLinkedToOpportunity(
                EventIds.of(InteractionLinkedToOpportunity.TYPE, "i1"), Instant.now(), 1, "i1", "CT1", "o1", "OP-1",
                OpportunityLinkSource.CONVERSATION);
        Message<byte[]> canonical = MessageBuilder.withPayload(messages.encode(linked).getPayload())
                .setHeader("ce-type", InteractionLinkedToOpportunity.TYPE).build();

        assertThat(messages.decode(canonical)).isEqualTo(linked);
    }

    @Test
    void reportsWhatIsWrongWithARecordThatCanNeverBeRead() {
        assertThatThrownBy(() -> messages.decode(json("{not json", null), SalespersonUpserted.class))
                .isInstanceOf(PoisonMessageException.class).hasMessageStartingWith("not a valid SalespersonUpserted");
        assertThatThrownBy(() -> messages.decode(json("{\"name\":\"no code\"}", null), SalespersonUpserted.class))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> messages.decode(json("", null), SalespersonUpserted.class))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("empty payload");
        assertThatThrownBy(() -> messages.decode(json("{}", null)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("no ce_type header");
        assertThatThrownBy(() -> messages.decode(json("{}", "org.example.Other")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("unknown ce_type org.example.Other");
    }

    @Test
    void writesCloudEventHeadersToKafkaAsPlainText() {
        BinderHeaderMapper mapper = new ContractMessagingAutoConfiguration().kafkaBinderHeaderMapper(ContractJson.mapper());
        InteractionLogged logged = new InteractionLogged(EventIds.of(InteractionLogged.TYPE, "i1"), Instant.now(), 1,
                "i1", "CT1", null, "AB", "c1", "<m@x>", null, Direction.INBOUND, Instant.now(), "Hi", null, null,
                false, null);
        Headers kafkaHeaders = new RecordHeaders();

        mapper.fromHeaders(messages.encode(logged).getHeaders(), kafkaHeaders);

        assertThat(new String(kafkaHeaders.lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo(InteractionLogged.TYPE);
        assertThat(new String(kafkaHeaders.lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/json");

        Map<String, Object> inbound = new java.util.HashMap<>();
        mapper.toHeaders(kafkaHeaders, inbound);
        assertThat(inbound).containsEntry("ce_type", InteractionLogged.TYPE);
    }

    private static Message<byte[]> json(String payload, String cloudEventType) {
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8));
        if (cloudEventType != null) {
            builder.setHeader("ce_type", cloudEventType);
        }
        return builder.build();
    }
}
