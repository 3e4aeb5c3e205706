package org.mailtrail.events.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.ContractJson;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ConnectionConfigured} of an IMAP connection, beside the Graph one the golden test of every contract reads:
 * what an IMAP connection publishes (its kind and server, none of Graph's own settings, never a password) reads
 * into the record and writes back unchanged.
 */
class ImapConnectionConfiguredGoldenJsonTest {

    private static final JsonMapper MAPPER = ContractJson.mapper();

    @Test
    void readsTheGoldenJsonOfAnImapConnectionAndWritesItBackEqual() {
        String golden = golden();

        ConnectionConfigured event = MAPPER.readValue(golden, ConnectionConfigured.class);

        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(event))).isEqualTo(MAPPER.readTree(golden));
        assertThat(event.imapKind()).isTrue();
        assertThat(event.imap()).isEqualTo(new ImapSettings("mail.contoso.com", 993, ImapSecurity.TLS,
                "CONTOSO\\crm-log", ImapAuth.PASSWORD));
        assertThat(event.tenantId()).isNull();
        assertThat(event.authMode()).isNull();
        assertThat(event.graphBaseUrl()).isNull();
        assertThat(MAPPER.readTree(golden).has("password")).isFalse();
        assertThat(golden.toLowerCase()).doesNotContain("secret");
    }

    @Test
    void refusesAnImapConnectionWithoutItsServer() {
        ObjectNode withoutServer = (ObjectNode) MAPPER.readTree(golden());
        withoutServer.remove("imap");

        assertThatThrownBy(() -> MAPPER.readValue(withoutServer.toString(), ConnectionConfigured.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("imap");
    }

    @Test
    void refusesAnXoauth2ConnectionWithoutItsTenant() {
        ObjectNode xoauth2 = (ObjectNode) MAPPER.readTree(golden());
        ((ObjectNode) xoauth2.get("imap")).put("auth", "XOAUTH2");
        xoauth2.put("clientId", "5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b");

        assertThatThrownBy(() -> MAPPER.readValue(xoauth2.toString(), ConnectionConfigured.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("tenantId");
    }

    private static String golden() {
        try (InputStream in = ImapConnectionConfiguredGoldenJsonTest.class
                .getResourceAsStream("/contracts/ConnectionConfigured.imap.json")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
