package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.emulator.GraphEmulator;
import org.mailtrail.localrun.MailtrailStack;

/** Connects a mailbox the way an administrator does: create the connection in config-service, then enable it. */
final class Connections {

    private Connections() {
    }

    /** @param more further settings of the connection, over the ones a push connection to the emulator needs */
    static void connect(Api api, MailtrailStack stack, GraphEmulator emulator, String tenant, String client,
            String secret, String connection, String mailbox, Map<String, Object> more) {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + stack.adminToken());
        Map<String, Object> settings = new HashMap<>(Map.ofEntries(
                Map.entry("id", connection), Map.entry("displayName", connection), Map.entry("tenantId", tenant),
                Map.entry("clientId", client), Map.entry("clientSecret", secret), Map.entry("authMode", "APPLICATION"),
                Map.entry("mailbox", mailbox), Map.entry("internalDomains", List.of("contoso.com")),
                Map.entry("graphBaseUrl", emulator.graphBaseUrl()), Map.entry("authorityHost", emulator.authorityHost()),
                Map.entry("notificationUrl", stack.url("mail-ingestor") + "/graph/notifications")));
        settings.putAll(more);
        Api.Response created = api.post(stack.url("config-service") + "/api/connections", admin, settings);
        assertThat(created.status()).as("create connection %s: %s", connection, created.body()).isEqualTo(201);
        Api.Response enabled = api.post(stack.url("config-service") + "/api/connections/" + connection + "/enable",
                admin, null);
        assertThat(enabled.status()).as("enable %s: %s", connection, enabled.body()).isEqualTo(200);
    }
}
