package org.mailtrail.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailtrail.opportunity.InteractionLoggedBuilder.anInteraction;
import static org.mailtrail.opportunity.Kafka.WAIT;
import static org.mailtrail.opportunity.Kafka.header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.Topics;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionLoggedLate;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.events.interaction.InteractionUnlinkedFromOpportunity;
import org.mailtrail.events.interaction.OpportunityLinkSource;
import org.mailtrail.opportunity.interaction.domain.Interaction;
import org.mailtrail.opportunity.interaction.store.InteractionStore;
import org.mailtrail.platform.messaging.CloudEventHeaders;
import org.mailtrail.testsupport.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The interaction projection, fed as the matcher feeds it on {@code interaction.events.v1}: what each type of
 * the topic changes in the projected interaction, and that none of them is dead-lettered. Each test has a contact
 * of its own, so its events share a partition and are handled in the order they were published.
 */
@IntegrationTest
class InteractionProjectionIT {

    private static final String DLQ = Topics.deadLetter(Topics.INTERACTION_EVENTS, "opportunity-service");

    @Autowired
    MongoTemplate mongo;

    @Nested
    class LinksToOpportunities {

        @Test
        void storesALinkMadeForTheConversationLikeOneMadeByPromotion() {
            InteractionLogged interaction = logged();

            Kafka.publish(linked(interaction, "opp-conversation", "OP-0042", OpportunityLinkSource.CONVERSATION));

            Interaction projected = await().atMost(WAIT).until(() -> projected(interaction),
                    i -> "opp-conversation".equals(i.opportunityId()));
            assertThat(projected.opportunityNumber()).isEqualTo("OP-0042");
        }

        @Test
        void clearsTheLinkWhenTheInteractionIsUnlinkedFromThatOpportunitySoItCanBeLinkedAgain() {
            InteractionLogged interaction = logged();
            Kafka.publish(linked(interaction, "opp-1", "OP-0001", OpportunityLinkSource.CONVERSATION));
            await().atMost(WAIT).until(() -> projected(interaction), i -> "opp-1".equals(i.opportunityId()));

            Kafka.publish(unlinked(interaction, "opp-1"));

            Interaction unlinked = await().atMost(WAIT).until(() -> projected(interaction),
                    i -> i.opportunityId() == null);
            assertThat(unlinked.opportunityNumber()).isNull();
            assertThat(unlinked.description()).isEqualTo(interaction.description());

            Kafka.publish(linked(interaction, "opp-2", "OP-0002", OpportunityLinkSource.PROMOTION));
            Interaction promoted = await().atMost(WAIT).until(() -> projected(interaction),
                    i -> "opp-2".equals(i.opportunityId()));
            assertThat(promoted.opportunityNumber()).isEqualTo("OP-0002");
        }

        @Test
        void keepsTheLinkWhenTheUnlinkNamesAnotherOpportunity() {
            InteractionLogged interaction = logged();
            Kafka.publish(linked(interaction, "opp-now", "OP-0007", OpportunityLinkSource.PROMOTION));

            Kafka.publish(unlinked(interaction, "opp-before"));
            handledUpToHere(interaction);

            Interaction projected = projected(interaction);
            assertThat(projected.opportunityId()).isEqualTo("opp-now");
            assertThat(projected.opportunityNumber()).isEqualTo("OP-0007");
        }
    }

    @Nested
    class LoggedLate {

        @Test
        void changesNothingAndIsNotDeadLettered() {
            InteractionLogged interaction = logged();
            Kafka.publish(linked(interaction, "opp-late", "OP-0100", OpportunityLinkSource.PROMOTION));
            Interaction before = await().atMost(WAIT).until(() -> projected(interaction),
                    i -> "opp-late".equals(i.opportunityId()));

            Kafka.publish(new InteractionLoggedLate(EventIds.of(InteractionLoggedLate.TYPE, interaction.interactionId()),
                    Instant.now(), 1, interaction.interactionId(), interaction.contactId(), interaction.connectionId(),
                    interaction.internetMessageId(), interaction.interactionAt(),
                    interaction.interactionAt().plusSeconds(60), "DIRECTORY_CHANGE"));
            // A record that is poison, behind it on the same partition: the first record of the contact on the
            // dead-letter topic is this one unless the one before it went there first.
            String poisonId = UUID.randomUUID().toString();
            Kafka.send(Topics.INTERACTION_EVENTS, interaction.contactId(), "{not json".getBytes(StandardCharsets.UTF_8),
                    Map.of(CloudEventHeaders.ID, poisonId, CloudEventHeaders.TYPE, InteractionLogged.TYPE,
                            CloudEventHeaders.CONTENT_TYPE, "application/json"));

            ConsumerRecord<String, byte[]> firstDeadLetter = Kafka.awaitRecord(DLQ,
                    record -> interaction.contactId().equals(record.key()));
            assertThat(header(firstDeadLetter, CloudEventHeaders.ID)).isEqualTo(poisonId);
            assertThat(projected(interaction)).isEqualTo(before);
        }
    }

    /** A new interaction of a contact of its own, published and projected. */
    private InteractionLogged logged() {
        String contact = "CT-" + UUID.randomUUID();
        InteractionLogged interaction = anInteraction().withContact(contact, "CT000100").build();
        Kafka.publish(interaction);
        await().atMost(WAIT).until(() -> mongo.findById(interaction.interactionId(), Interaction.class,
                InteractionStore.COLLECTION) != null);
        return interaction;
    }

    private Interaction projected(InteractionLogged interaction) {
        return mongo.findById(interaction.interactionId(), Interaction.class, InteractionStore.COLLECTION);
    }

    /**
     * Waits until the events published so far for the interaction's contact are handled: a change of link
     * published behind them is handled after them.
     */
    private void handledUpToHere(InteractionLogged interaction) {
        String marker = "https://outlook.office365.com/owa/?ItemID=" + UUID.randomUUID();
        Kafka.publish(new InteractionMessageLinkChanged(UUID.randomUUID(), Instant.now(), 1,
                interaction.interactionId(), interaction.contactId(), marker, null));
        await().atMost(WAIT).until(() -> marker.equals(projected(interaction).webLink()));
    }

    private static InteractionLinkedToOpportunity linked(InteractionLogged interaction, String opportunityId,
            String number, OpportunityLinkSource linkedBy) {
        return new InteractionLinkedToOpportunity(
                EventIds.of(InteractionLinkedToOpportunity.TYPE, interaction.interactionId(), opportunityId),
                Instant.now(), 1, interaction.interactionId(), interaction.contactId(), opportunityId, number, linkedBy);
    }

    private static InteractionUnlinkedFromOpportunity unlinked(InteractionLogged interaction, String opportunityId) {
        return new InteractionUnlinkedFromOpportunity(
                EventIds.of(InteractionUnlinkedFromOpportunity.TYPE, interaction.interactionId(), opportunityId),
                Instant.now(), 1, interaction.interactionId(), interaction.contactId(), opportunityId,
                "maria.sales-manager@contoso.com");
    }
}
