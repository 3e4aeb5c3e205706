package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.emulator.Fixtures.CLIENT_ID;
import static org.mailtrail.emulator.Fixtures.SECRET;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.MessageView;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;

/**
 * What a shared mailbox with a hold folder needs of Graph: copies of one mail as messages of their own, a
 * top-level folder made by display name (and refused twice), moves into it by id, and deletes scoped to it.
 */
class CustomFoldersIT {

    private static final String HOLD_FOLDER = "Not logged";

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard());

    private GraphServiceClient client;
    private String mailbox;

    @BeforeEach
    void newMailboxAndClient() {
        client = Clients.graph(graph.emulator(), Clients.credential(graph.emulator(), TENANT, CLIENT_ID, SECRET));
        mailbox = Fixtures.newMailbox(graph.emulator(), "folders");
    }

    private MailFolder createTopLevel(String displayName) {
        MailFolder folder = new MailFolder();
        folder.setDisplayName(displayName);
        return client.users().byUserId(mailbox).mailFolders().post(folder);
    }

    private Message moveTo(MessageView message, String destinationId) {
        MovePostRequestBody body = new MovePostRequestBody();
        body.setDestinationId(destinationId);
        return client.users().byUserId(mailbox).messages().byMessageId(message.immutableId()).move().post(body,
                config -> config.headers.add("Prefer", "IdType=\"ImmutableId\""));
    }

    private static void assertGraphError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(status);
            assertThat(e.getError().getCode()).isEqualTo(code);
        });
    }

    @Test
    void deliversASecondCopyOfAMailAsAMessageOfItsOwnWithItsOwnIds() {
        Mail mail = Mail.builder().from("Jordan Smith <j.smith@fabrikam.example>").to("anna.berger@contoso.com")
                .subject("Order 4711").internetMessageId("<order-4711@fabrikam.example>").build();

        MessageView first = graph.emulator().deliver(mailbox, mail);
        MessageView second = graph.emulator().deliver(mailbox, mail);

        assertThat(second.immutableId()).isNotEqualTo(first.immutableId());
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.webLink()).isNotEqualTo(first.webLink());
        List<Message> inbox = client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages().delta()
                .get(config -> config.headers.add("Prefer", "IdType=\"ImmutableId\"")).getValue();
        assertThat(inbox).extracting(Message::getId).containsExactlyInAnyOrder(first.immutableId(), second.immutableId());
        assertThat(inbox).extracting(Message::getInternetMessageId).containsOnly("<order-4711@fabrikam.example>");
    }

    @Test
    void createsATopLevelFolderByDisplayNameUnderTheRootOfTheMailbox() {
        MailFolder created = createTopLevel(HOLD_FOLDER);

        String root = client.users().byUserId(mailbox).mailFolders().byMailFolderId("msgfolderroot").get().getId();
        assertThat(created.getDisplayName()).isEqualTo(HOLD_FOLDER);
        assertThat(created.getParentFolderId()).isEqualTo(root);
        assertThat(client.users().byUserId(mailbox).mailFolders().get(config -> config.queryParameters.filter =
                "displayName eq 'Not logged'").getValue()).extracting(MailFolder::getId).containsExactly(created.getId());
    }

    @Test
    void refusesASecondFolderOfTheSameNameAmongSiblingsWith409ErrorFolderExists() {
        createTopLevel(HOLD_FOLDER);

        assertGraphError(() -> createTopLevel(HOLD_FOLDER), 409, "ErrorFolderExists");
        assertGraphError(() -> createTopLevel("NOT LOGGED"), 409, "ErrorFolderExists");
        assertGraphError(() -> createTopLevel("Inbox"), 409, "ErrorFolderExists");
        // Under another parent the name is free.
        MailFolder child = new MailFolder();
        child.setDisplayName(HOLD_FOLDER);
        assertThat(client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").childFolders().post(child)
                .getDisplayName()).isEqualTo(HOLD_FOLDER);
        assertThat(client.users().byUserId(mailbox).mailFolders().get(config -> config.queryParameters.top = 50)
                .getValue()).filteredOn(f -> HOLD_FOLDER.equals(f.getDisplayName())).hasSize(1);
    }

    @Test
    void refusesAFolderWithoutADisplayNameWith400() {
        assertGraphError(() -> createTopLevel(null), 400, "ErrorInvalidRequest");
        assertGraphError(() -> createTopLevel("   "), 400, "ErrorInvalidRequest");
    }

    @Test
    void movesAMessageIntoACustomFolderByTheFoldersId() {
        MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        MailFolder hold = createTopLevel(HOLD_FOLDER);

        Message moved = moveTo(delivered, hold.getId());

        assertThat(moved.getParentFolderId()).isEqualTo(hold.getId());
        assertThat(moved.getId()).isEqualTo(delivered.immutableId());
        assertThat(graph.emulator().messages(mailbox, HOLD_FOLDER)).singleElement().satisfies(view -> {
            assertThat(view.immutableId()).isEqualTo(delivered.immutableId());
            assertThat(view.folder()).isEqualTo(HOLD_FOLDER);
            assertThat(view.folderId()).isEqualTo(hold.getId());
            assertThat(view.webLink()).isEqualTo(moved.getWebLink());
        });
        assertThat(graph.emulator().messages(mailbox, hold.getId())).extracting(MessageView::immutableId)
                .containsExactly(delivered.immutableId());
        assertThat(graph.emulator().messages(mailbox, "inbox")).isEmpty();
    }

    @Test
    void deletesThroughACustomFolderOnlyAMessageThatIsInIt() {
        List<MessageView> delivered = graph.emulator().deliver(mailbox, 2, Fixtures::customerMail);
        String hold = createTopLevel(HOLD_FOLDER).getId();
        delivered.forEach(message -> moveTo(message, hold));
        var inInbox = client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages();
        var inHold = client.users().byUserId(mailbox).mailFolders().byMailFolderId(hold).messages();

        assertGraphError(() -> inInbox.byMessageId(delivered.get(0).immutableId()).delete(), 404, "ErrorItemNotFound");
        assertGraphError(() -> inInbox.byMessageId(delivered.get(1).immutableId()).permanentDelete().post(), 404,
                "ErrorItemNotFound");
        assertThat(graph.emulator().messages(mailbox, HOLD_FOLDER)).hasSize(2);

        inHold.byMessageId(delivered.get(0).immutableId()).delete();
        inHold.byMessageId(delivered.get(1).immutableId()).permanentDelete().post();

        assertThat(graph.emulator().messages(mailbox, HOLD_FOLDER)).isEmpty();
        assertThat(graph.emulator().recoverableItems(mailbox)).extracting(MessageView::immutableId)
                .containsExactly(delivered.get(0).immutableId());
        assertThat(graph.emulator().message(mailbox, delivered.get(1).immutableId())).isEmpty();
        // Repeated, a scoped delete finds nothing left in the folder.
        assertGraphError(() -> inHold.byMessageId(delivered.get(0).immutableId()).delete(), 404, "ErrorItemNotFound");
    }
}
