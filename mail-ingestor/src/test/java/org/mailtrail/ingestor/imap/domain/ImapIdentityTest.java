package org.mailtrail.ingestor.imap.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;

class ImapIdentityTest {

    private static final Instant DELIVERED = Instant.parse("2026-12-01T09:30:00Z");

    @Test
    void theImmutableIdIsTheHashOfMailboxMessageIdAndInternalDateSeconds() {
        assertThat(ImapIdentity.immutableId("crm-log@contoso.com", "<order-42@customer.test>", DELIVERED))
                .isEqualTo("imap-EsJRyHocg27ozVtqRqTW8alcSnEUxbK4wnmcRFbW7LI");
    }

    @Test
    void theMailboxIsReadWithoutItsCaseAndTheMillisecondsAreLeftOut() {
        assertThat(ImapIdentity.immutableId("CRM-Log@Contoso.com", "<order-42@customer.test>",
                DELIVERED.plusMillis(999))).isEqualTo("imap-EsJRyHocg27ozVtqRqTW8alcSnEUxbK4wnmcRFbW7LI");
    }

    @Test
    void aCopyDeliveredASecondLaterIsAMailOfItsOwn() {
        assertThat(ImapIdentity.immutableId("crm-log@contoso.com", "<order-42@customer.test>",
                DELIVERED.plusSeconds(1))).isEqualTo("imap-__epuHI4pyVTZfGWkFyAi1DnKn-sRE2YVpeWJ5rKwhM");
    }

    @Test
    void aMailWithoutMessageIdIsKnownByTheHashOfItsHeader() {
        assertThat(ImapIdentity.missingMessageId("Subject: no id\r\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("<6cac4687675284a2b13e55f5e5dc61987bbd0817be1bf33e1daa51bf9725e38d@mailtrail.invalid>");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "crm-log@contoso.com | INBOX        | imap://crm-log%40contoso.com@mail.contoso.com:993/INBOX;UIDVALIDITY=7/;UID=42",
            "CONTOSO\\crm        | Archive      | imap://CONTOSO%5Ccrm@mail.contoso.com:993/Archive;UIDVALIDITY=7/;UID=42",
            "crm                 | On hold      | imap://crm@mail.contoso.com:993/On%20hold;UIDVALIDITY=7/;UID=42",
            "crm                 | Sales/2026   | imap://crm@mail.contoso.com:993/Sales/2026;UIDVALIDITY=7/;UID=42",
            "crm                 | Bestätigt    | imap://crm@mail.contoso.com:993/Best%C3%A4tigt;UIDVALIDITY=7/;UID=42" })
    void theImapUrlNamesAccountFolderUidValidityAndUid(String username, String folder, String url) {
        ImapSettings server = new ImapSettings("mail.contoso.com", 993, ImapSecurity.TLS, username, ImapAuth.PASSWORD);

        assertThat(ImapIdentity.url(server, folder, 7, 42)).isEqualTo(url);
    }
}
