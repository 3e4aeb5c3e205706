package org.mailtrail.ingestor.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailKeys;
import org.mailtrail.events.mail.MailReceived;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;

class MailMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:16:02Z");

    /** A message of a delta page, as the SDK reads it. */
    private static Message deltaMessage() {
        Message message = new Message();
        message.setId("AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AbnZsBQ==");
        message.setInternetMessageId("<DB7PR02MB4411@contoso.com>");
        message.setConversationId("AAQkAGI2TG93AAA=");
        message.setSender(recipient("Assistant", "assistant@fabrikam.example"));
        message.setFrom(recipient("Jordan Smith", "j.smith@fabrikam.example"));
        message.setToRecipients(List.of(recipient("Anna Berger", "anna.berger@contoso.com")));
        message.setCcRecipients(List.of(recipient("Lars Holm", "lars.holm@contoso.com")));
        message.setBccRecipients(List.of(recipient(null, "crm-log@contoso.com")));
        message.setSubject("Quote for 40 units");
        message.setSentDateTime(OffsetDateTime.parse("2026-11-27T09:14:58Z"));
        message.setReceivedDateTime(OffsetDateTime.parse("2026-11-27T09:15:01Z"));
        message.setIsDraft(false);
        message.setBodyPreview("Hi Anna");
        message.setHasAttachments(true);
        message.setWebLink("https://outlook.office365.com/owa/?ItemID=AAMkAGI2THVSAAA%3D&exvsurl=1&viewmodel=ReadMessageItem");
        return message;
    }

    private static Recipient recipient(String name, String address) {
        com.microsoft.graph.models.EmailAddress email = new com.microsoft.graph.models.EmailAddress();
        email.setName(name);
        email.setAddress(address);
        Recipient recipient = new Recipient();
        recipient.setEmailAddress(email);
        return recipient;
    }

    @Test
    void carriesTheSenderApartFromFromAndToAndCcButNeverBcc() {
        MailReceived mail = MailMapper.toMailReceived("contoso-sales", deltaMessage(), NOW).orElseThrow();

        assertThat(mail.sender()).isEqualTo(new EmailAddress("Assistant", "assistant@fabrikam.example"));
        assertThat(mail.from()).isEqualTo(new EmailAddress("Jordan Smith", "j.smith@fabrikam.example"));
        assertThat(mail.toRecipients()).containsExactly(new EmailAddress("Anna Berger", "anna.berger@contoso.com"));
        assertThat(mail.ccRecipients()).containsExactly(new EmailAddress("Lars Holm", "lars.holm@contoso.com"));
        assertThat(mail.toString()).doesNotContain("crm-log@contoso.com");
        assertThat(MailMapper.SELECT).doesNotContain("bccRecipients");
    }

    @Test
    void identifiesTheMailByItsImmutableIdAndDerivesTheEventIdFromConnectionInternetMessageIdAndImmutableId() {
        MailReceived mail = MailMapper.toMailReceived("contoso-sales", deltaMessage(), NOW).orElseThrow();

        assertThat(mail.immutableId()).isEqualTo("AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AbnZsBQ==");
        assertThat(mail.messageId()).isEqualTo("AAMkAGI2THVSAAA=");
        assertThat(mail.eventId()).isEqualTo(EventIds.of(MailReceived.TYPE, "contoso-sales", "<DB7PR02MB4411@contoso.com>",
                        "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AbnZsBQ=="))
                .isEqualTo(MailMapper.toMailReceived("contoso-sales", deltaMessage(), NOW.plusSeconds(60)).orElseThrow()
                        .eventId());
        assertThat(mail.aggregateId()).isEqualTo(MailKeys.of("contoso-sales", "<DB7PR02MB4411@contoso.com>"));
        assertThat(mail.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void makesASecondCopyOfAMailAFactOfItsOwnUnderTheSameKey() {
        Message copy = deltaMessage();
        copy.setId("AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AbnZsBw==");
        copy.setWebLink("https://outlook.office365.com/owa/?ItemID=AAMkAGI2THVTAAA%3D&exvsurl=1&viewmodel=ReadMessageItem");

        MailReceived first = MailMapper.toMailReceived("contoso-sales", deltaMessage(), NOW).orElseThrow();
        MailReceived second = MailMapper.toMailReceived("contoso-sales", copy, NOW).orElseThrow();

        assertThat(second.eventId()).isNotEqualTo(first.eventId());
        assertThat(second.immutableId()).isNotEqualTo(first.immutableId());
        assertThat(second.internetMessageId()).isEqualTo(first.internetMessageId());
        assertThat(second.aggregateId()).as("the Kafka key, so both copies reach the same partition")
                .isEqualTo(first.aggregateId());
    }

    /** Delta is not documented to return internetMessageHeaders, where In-Reply-To and References are. */
    @Test
    void leavesTheConversationHeadersOutAsTheDeltaRoundDoesNotAskForThem() {
        MailReceived mail = MailMapper.toMailReceived("contoso-sales", deltaMessage(), NOW).orElseThrow();

        assertThat(mail.inReplyTo()).isNull();
        assertThat(mail.references()).isEmpty();
        assertThat(MailMapper.SELECT).doesNotContain("internetMessageHeaders");
    }

    @Test
    void keepsWhatTheMatcherReads() {
        MailReceived mail = MailMapper.toMailReceived("contoso-sales", deltaMessage(), NOW).orElseThrow();

        assertThat(mail.subject()).isEqualTo("Quote for 40 units");
        assertThat(mail.sentDateTime()).isEqualTo(Instant.parse("2026-11-27T09:14:58Z"));
        assertThat(mail.receivedDateTime()).isEqualTo(Instant.parse("2026-11-27T09:15:01Z"));
        assertThat(mail.isDraft()).isFalse();
        assertThat(mail.hasAttachments()).isTrue();
        assertThat(mail.bodyPreview()).isEqualTo("Hi Anna");
        assertThat(mail.conversationId()).isEqualTo("AAQkAGI2TG93AAA=");
        assertThat(mail.webLink()).contains("ItemID=AAMkAGI2THVSAAA%3D");
    }

    @Test
    void skipsARemovalAndAMessageWithoutInternetMessageId() {
        Message removed = new Message();
        removed.setId("AAk-removed");
        removed.setAdditionalData(Map.of("@removed", Map.of("reason", "deleted")));
        Message draft = deltaMessage();
        draft.setInternetMessageId(null);

        assertThat(MailMapper.toMailReceived("contoso-sales", removed, NOW)).isEmpty();
        assertThat(MailMapper.toMailReceived("contoso-sales", draft, NOW)).isEmpty();
    }

    @Test
    void toleratesAMessageWithoutSenderOrRecipients() {
        Message bare = deltaMessage();
        bare.setSender(null);
        bare.setToRecipients(null);
        bare.setCcRecipients(List.of(new Recipient()));

        MailReceived mail = MailMapper.toMailReceived("contoso-sales", bare, NOW).orElseThrow();

        assertThat(mail.sender()).isNull();
        assertThat(mail.toRecipients()).isEmpty();
        assertThat(mail.ccRecipients()).isEmpty();
    }
}
