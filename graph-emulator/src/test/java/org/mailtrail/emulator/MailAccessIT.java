package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.control.Seed;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;
import org.mailtrail.emulator.mailbox.MessageView;

import com.azure.core.credential.TokenRequestContext;
import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import com.microsoft.kiota.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * Tokens carry the mail permission an app was granted in Entra, and none when Exchange's RBAC for Applications
 * granted it; either way the emulator lets the app change mail only with Mail.ReadWrite, and only in its mailboxes.
 */
class MailAccessIT {

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard());

    @Test
    void putsAPermissionGrantedInEntraIntoTheTokensRoles() {
        String app = newApp(Seed.App::readOnly);

        assertThat(claims(app).path("roles").get(0).asString()).isEqualTo("Mail.Read");
    }

    @Test
    void givesAnAppWithRbacForApplicationsATokenWithoutMailRolesThatStillMovesMailInItsMailbox() {
        String mailbox = Fixtures.newMailbox(graph.emulator(), "rbac");
        String other = Fixtures.newMailbox(graph.emulator(), "outside-scope");
        String app = newApp((id, secret, boxes) -> Seed.App.rbac(id, secret, mailbox));
        MessageView mail = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        GraphServiceClient client = client(app);

        assertThat(claims(app).has("roles")).as("roles claim").isFalse();
        MovePostRequestBody toArchive = new MovePostRequestBody();
        toArchive.setDestinationId("archive");
        client.users().byUserId(mailbox).messages().byMessageId(mail.id()).move().post(toArchive);
        assertThat(graph.emulator().message(mailbox, mail.immutableId()).orElseThrow().folder()).isEqualTo("archive");
        assertThatThrownBy(() -> client.users().byUserId(other).mailFolders().get())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
    }

    @Test
    void letsAReadOnlyAppReadButRefusesItAFolderWith403BeforeSayingTheFolderExists() {
        String mailbox = Fixtures.newMailbox(graph.emulator(), "readonly");
        GraphServiceClient reader = client(newApp((id, secret, boxes) -> Seed.App.readOnly(id, secret, mailbox)));
        GraphServiceClient writer = client(newApp((id, secret, boxes) -> Seed.App.rbac(id, secret, mailbox)));
        MailFolder inbox = reader.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").get();

        assertThatThrownBy(() -> reader.users().byUserId(mailbox).mailFolders().byMailFolderId(inbox.getParentFolderId())
                .childFolders().post(named(inbox.getDisplayName())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
        assertThatThrownBy(() -> writer.users().byUserId(mailbox).mailFolders().byMailFolderId(inbox.getParentFolderId())
                .childFolders().post(named(inbox.getDisplayName())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(409));
    }

    /** A new body each time: the SDK sends only what changed since an object was last written. */
    private static MailFolder named(String displayName) {
        MailFolder folder = new MailFolder();
        folder.setDisplayName(displayName);
        return folder;
    }

    private interface AppMaker {
        Seed.App make(String clientId, String secret, String... mailboxes);
    }

    private static String newApp(AppMaker maker) {
        String clientId = UUID.randomUUID().toString();
        graph.emulator().addApp(TENANT, maker.make(clientId, secret(clientId), "*"));
        return clientId;
    }

    private static String secret(String clientId) {
        return "secret-" + clientId;
    }

    private static GraphServiceClient client(String clientId) {
        return Clients.graph(graph.emulator(), Clients.credential(graph.emulator(), TENANT, clientId, secret(clientId)));
    }

    private static JsonNode claims(String clientId) {
        String token = Clients.credential(graph.emulator(), TENANT, clientId, secret(clientId))
                .getTokenSync(new TokenRequestContext().addScopes(Clients.GRAPH_SCOPE)).getToken();
        return Json.MAPPER.readTree(
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
