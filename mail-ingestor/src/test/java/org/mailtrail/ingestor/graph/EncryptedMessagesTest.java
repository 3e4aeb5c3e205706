package org.mailtrail.ingestor.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.graph.UnreadableNotificationException.Reason;
import org.mailtrail.ingestor.sync.domain.MailMapper;

import com.microsoft.graph.models.Message;

import tools.jackson.databind.json.JsonMapper;

class EncryptedMessagesTest {

    private static final String CERTIFICATE = "mailtrail-notifications-2026";
    private static final String IMMUTABLE_ID = "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AbnZsBQ==";
    private static final KeyPair KEYS = EncryptedItems.rsaKeyPair(2048);

    private final EncryptedMessages messages = new EncryptedMessages(
            id -> Optional.ofNullable(Map.of(CERTIFICATE, KEYS.getPrivate()).get(id)), JsonMapper.builder().build());

    /** The selected properties of a message as a rich notification carries them, with Graph's type annotations. */
    private static final String MAIL = """
            {"@odata.type":"#Microsoft.Graph.Message","@odata.etag":"W/\\"CQAAABYAAACQ2fKdhq8oSKEDSVrdi3lRAAGDUR8n\\"",
             "receivedDateTime@odata.type":"#DateTimeOffset","receivedDateTime":"2026-11-27T09:15:01Z",
             "sentDateTime@odata.type":"#DateTimeOffset","sentDateTime":"2026-11-27T09:14:58Z",
             "internetMessageId":"<DB7PR02MB4411@contoso.com>","conversationId":"AAQkAGI2TG93AAA=",
             "subject":"Quote for 40 units","bodyPreview":"Hi Anna","isDraft":false,"hasAttachments":true,
             "webLink":"https://outlook.office365.com/owa/?ItemID=AAMkAGI2THVSAAA%3D&exvsurl=1&viewmodel=ReadMessageItem",
             "sender":{"@odata.type":"#microsoft.graph.recipient","emailAddress":{"@odata.type":"#microsoft.graph.emailAddress",
                       "name":"Assistant","address":"assistant@fabrikam.example"}},
             "from":{"emailAddress":{"name":"Jordan Smith","address":"j.smith@fabrikam.example"}},
             "toRecipients":[{"emailAddress":{"name":"Anna Berger","address":"anna.berger@contoso.com"}}],
             "ccRecipients":[{"emailAddress":{"name":"Lars Holm","address":"lars.holm@contoso.com"}}]}""";

    @Test
    void readsTheMailOfAnItemAsADeltaPageWouldGiveItUnderTheSameEventId() {
        String item = EncryptedItems.item(KEYS.getPublic(), CERTIFICATE, MAIL, IMMUTABLE_ID);

        Message message = messages.read(item);

        assertThat(message.getId()).as("the resourceData's id: the content has only what was selected")
                .isEqualTo(IMMUTABLE_ID);
        MailReceived mail = MailMapper.toMailReceived("contoso-sales", message, Instant.EPOCH).orElseThrow();
        assertThat(mail.eventId()).isEqualTo(EventIds.of(MailReceived.TYPE, "contoso-sales",
                "<DB7PR02MB4411@contoso.com>", IMMUTABLE_ID));
        assertThat(mail.sender()).isEqualTo(new EmailAddress("Assistant", "assistant@fabrikam.example"));
        assertThat(mail.from()).isEqualTo(new EmailAddress("Jordan Smith", "j.smith@fabrikam.example"));
        assertThat(mail.toRecipients()).containsExactly(new EmailAddress("Anna Berger", "anna.berger@contoso.com"));
        assertThat(mail.ccRecipients()).containsExactly(new EmailAddress("Lars Holm", "lars.holm@contoso.com"));
        assertThat(mail.subject()).isEqualTo("Quote for 40 units");
        assertThat(mail.receivedDateTime()).isEqualTo(Instant.parse("2026-11-27T09:15:01Z"));
        assertThat(mail.sentDateTime()).isEqualTo(Instant.parse("2026-11-27T09:14:58Z"));
        assertThat(mail.hasAttachments()).isTrue();
        assertThat(mail.messageId()).as("from the webLink, as for a delta page").isEqualTo("AAMkAGI2THVSAAA=");
    }

    @Test
    void keepsTheIdTheContentCarriesItself() {
        String withId = MAIL.replaceFirst("\\{", "{\"id\":\"AAk-in-the-content\",");

        Message message = messages.read(EncryptedItems.item(KEYS.getPublic(), CERTIFICATE, withId, IMMUTABLE_ID));

        assertThat(message.getId()).isEqualTo("AAk-in-the-content");
    }

    @Test
    void refusesContentChangedOnItsWayBeforeDecryptingIt() {
        String item = new EncryptedItems.Parts(KEYS.getPublic(), CERTIFICATE, MAIL).tamperedWith().json(IMMUTABLE_ID);

        assertThatThrownBy(() -> messages.read(item)).isInstanceOfSatisfying(UnreadableNotificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    }

    @Test
    void refusesAnItemForACertificateTheKeyStoreDoesNotHold() {
        String item = EncryptedItems.item(KEYS.getPublic(), "retired-certificate", MAIL, IMMUTABLE_ID);

        assertThatThrownBy(() -> messages.read(item)).isInstanceOfSatisfying(UnreadableNotificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_CERTIFICATE));
    }

    @Test
    void refusesAnItemEncryptedForAnotherKeyUnderTheCertificatesId() {
        KeyPair other = EncryptedItems.rsaKeyPair(2048);
        String item = EncryptedItems.item(other.getPublic(), CERTIFICATE, MAIL, IMMUTABLE_ID);

        assertThatThrownBy(() -> messages.read(item)).isInstanceOfSatisfying(UnreadableNotificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNDECRYPTABLE));
    }

    @Test
    void refusesAnItemWithoutItsEncryptedParts() {
        String item = """
                {"encryptedContent":{"data":"","encryptionCertificateId":"%s"},"resourceData":{"id":"x"}}"""
                .formatted(CERTIFICATE);

        assertThatThrownBy(() -> messages.read(item)).isInstanceOfSatisfying(UnreadableNotificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNPARSABLE));
        assertThatThrownBy(() -> messages.read("not json")).isInstanceOfSatisfying(
                UnreadableNotificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNPARSABLE));
    }

    @Test
    void refusesDecryptedContentThatIsNoMessage() {
        String item = EncryptedItems.item(KEYS.getPublic(), CERTIFICATE, "[1, 2, 3]", IMMUTABLE_ID);

        assertThatThrownBy(() -> messages.read(item)).isInstanceOfSatisfying(UnreadableNotificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNPARSABLE));
    }
}
