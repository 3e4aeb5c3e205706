package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.emulator.Fixtures.CLIENT_ID;
import static org.mailtrail.emulator.Fixtures.SECRET;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;
import org.mailtrail.emulator.mailbox.DeltaQuirks;
import org.mailtrail.emulator.mailbox.MessageView;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaRequestBuilder;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import com.microsoft.kiota.ApiException;

class DeltaIT {

    private static final String SELECT = "subject,from,sender,toRecipients,ccRecipients,internetMessageId,conversationId,"
            + "receivedDateTime,sentDateTime,isDraft,hasAttachments,bodyPreview,webLink";

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard());

    private GraphServiceClient client;
    private String mailbox;

    @BeforeEach
    void newMailboxAndClient() {
        client = Clients.graph(graph.emulator(), Clients.credential(graph.emulator(), TENANT, CLIENT_ID, SECRET));
        mailbox = Fixtures.newMailbox(graph.emulator(), "delta");
    }

    /** One delta round as mailtrail runs it: every page with the same preferences, until the deltaLink. */
    private Round round(String link, String... preferences) {
        List<DeltaGetResponse> pages = new ArrayList<>();
        Consumer<DeltaRequestBuilder.GetRequestConfiguration> configure = config -> {
            for (String preference : preferences) {
                config.headers.add("Prefer", preference);
            }
            config.queryParameters.select = SELECT.split(",");
        };
        DeltaRequestBuilder delta = client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages().delta();
        DeltaGetResponse page = link == null ? delta.get(configure) : delta.withUrl(link).get(configure);
        pages.add(page);
        while (page.getOdataNextLink() != null) {
            page = delta.withUrl(page.getOdataNextLink()).get(configure);
            pages.add(page);
        }
        return new Round(pages);
    }

    private record Round(List<DeltaGetResponse> pages) {
        List<Message> messages() {
            return pages.stream().flatMap(p -> p.getValue().stream()).toList();
        }

        String deltaLink() {
            return pages.get(pages.size() - 1).getOdataDeltaLink();
        }
    }

    @Test
    void returnsThreePagesAndADeltaLinkForOneHundredTwentyMailsAtPageSizeFifty() {
        graph.emulator().deliver(mailbox, 120, Fixtures::customerMail);

        Round round = round(null, "odata.maxpagesize=50");

        assertThat(round.pages()).hasSize(3);
        assertThat(round.pages()).extracting(p -> p.getValue().size()).containsExactly(50, 50, 20);
        assertThat(round.pages().subList(0, 2)).allSatisfy(p -> assertThat(p.getOdataNextLink())
                .startsWith(graph.emulator().graphBaseUrl() + "/users/").contains("$skiptoken="));
        assertThat(round.deltaLink()).startsWith(graph.emulator().graphBaseUrl()).contains("$deltatoken=");
        assertThat(round.messages()).extracting(Message::getSubject).doesNotHaveDuplicates().hasSize(120);
    }

    @Test
    void returnsNothingOnTheDeltaLinkRoundWhenNothingChanged() {
        graph.emulator().deliver(mailbox, 12, Fixtures::customerMail);
        Round first = round(null, "odata.maxpagesize=50");

        Round second = round(first.deltaLink(), "odata.maxpagesize=50");

        assertThat(second.messages()).isEmpty();
        assertThat(second.deltaLink()).isNotBlank();
    }

    @Test
    void returnsExactlyTheFiveNewMailsAfterFiveDeliveries() {
        graph.emulator().deliver(mailbox, 120, Fixtures::customerMail);
        Round first = round(null, "odata.maxpagesize=50");
        List<MessageView> fresh = graph.emulator().deliver(mailbox, 5, n -> Fixtures.customerMail(1000 + n));

        Round second = round(first.deltaLink(), "odata.maxpagesize=50");

        assertThat(second.messages()).extracting(Message::getId)
                .containsExactlyInAnyOrderElementsOf(fresh.stream().map(MessageView::id).toList());
        assertThat(second.messages()).allSatisfy(m -> {
            assertThat(m.getFrom().getEmailAddress().getAddress()).isEqualTo("j.smith@fabrikam.example");
            assertThat(m.getInternetMessageId()).startsWith("<").endsWith("@fabrikam.example>");
            assertThat(m.getWebLink()).contains(URLEncoder.encode(m.getId(), StandardCharsets.UTF_8));
        });
    }

    @Test
    void carriesImmutableIdsOnEveryPageWhenAskedInACommaJoinedPreferHeader() {
        List<MessageView> delivered = graph.emulator().deliver(mailbox, 25, Fixtures::customerMail);

        Round round = round(null, "odata.maxpagesize=10, IdType=\"ImmutableId\"");

        assertThat(round.pages()).hasSize(3);
        assertThat(round.messages()).extracting(Message::getId)
                .containsExactlyInAnyOrderElementsOf(delivered.stream().map(MessageView::immutableId).toList());
    }

    @Test
    void honoursTheIdTypePerRequestWhenPreferencesArriveAsSeparateHeaders() {
        List<MessageView> delivered = graph.emulator().deliver(mailbox, 3, Fixtures::customerMail);

        Round immutable = round(null, "odata.maxpagesize=10", "IdType=\"ImmutableId\"");
        Round regular = round(null, "odata.maxpagesize=10");

        assertThat(immutable.messages()).extracting(Message::getId)
                .containsExactlyInAnyOrderElementsOf(delivered.stream().map(MessageView::immutableId).toList());
        assertThat(regular.messages()).extracting(Message::getId)
                .containsExactlyInAnyOrderElementsOf(delivered.stream().map(MessageView::id).toList());
    }

    @Test
    void keepsTheImmutableIdButChangesTheRegularIdAndWebLinkWhenAMessageMoves() {
        MessageView delivered = graph.emulator().deliver(mailbox, Fixtures.customerMail(1));
        Message before = client.users().byUserId(mailbox).messages().byMessageId(delivered.id()).get();
        MovePostRequestBody body = new MovePostRequestBody();
        body.setDestinationId("archive");

        Message moved = client.users().byUserId(mailbox).messages().byMessageId(before.getId()).move()
                .post(body, config -> config.headers.add("Prefer", "IdType=\"ImmutableId\""));
        Message movedRegular = client.users().byUserId(mailbox).messages().byMessageId(moved.getId()).get();

        assertThat(moved.getId()).isEqualTo(delivered.immutableId());
        assertThat(movedRegular.getId()).isNotEqualTo(before.getId());
        assertThat(movedRegular.getWebLink()).isNotEqualTo(before.getWebLink())
                .contains(URLEncoder.encode(movedRegular.getId(), StandardCharsets.UTF_8));
        assertThat(movedRegular.getParentFolderId()).isEqualTo(
                client.users().byUserId(mailbox).mailFolders().byMailFolderId("archive").get().getId());
        assertThatThrownBy(() -> client.users().byUserId(mailbox).messages().byMessageId(before.getId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThat(graph.emulator().counters().requests("messages.move", 201)).isPositive();
    }

    @Test
    void reportsAMessageMovedOutOfTheFolderAsRemovedUnderTheIdTheClientKnew() {
        List<MessageView> delivered = graph.emulator().deliver(mailbox, 3, Fixtures::customerMail);
        Round first = round(null, "odata.maxpagesize=50");
        MovePostRequestBody body = new MovePostRequestBody();
        body.setDestinationId("archive");
        client.users().byUserId(mailbox).messages().byMessageId(delivered.get(0).id()).move().post(body);
        client.users().byUserId(mailbox).messages().byMessageId(delivered.get(1).id()).delete();

        Round second = round(first.deltaLink(), "odata.maxpagesize=50");

        assertThat(second.messages()).extracting(Message::getId)
                .containsExactlyInAnyOrder(delivered.get(0).id(), delivered.get(1).id());
        assertThat(second.messages()).allSatisfy(m -> assertThat(m.getAdditionalData()).containsKey("@removed"));
        assertThat(graph.emulator().messages(mailbox, "deleteditems")).as("Deleted Items").isEmpty();
        assertThat(graph.emulator().recoverableItems(mailbox)).extracting(MessageView::immutableId)
                .containsExactly(delivered.get(1).immutableId());
    }

    @Test
    void softDeletesIntoRecoverableItemsWhichNoFolderOfGraphShowsAndPermanentDeleteLeavesNothing() {
        List<MessageView> delivered = graph.emulator().deliver(mailbox, 2, Fixtures::customerMail);

        client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages()
                .byMessageId(delivered.get(0).id()).delete();
        client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages()
                .byMessageId(delivered.get(1).id()).permanentDelete().post();

        assertThat(graph.emulator().recoverableItems(mailbox)).singleElement().satisfies(m -> {
            assertThat(m.immutableId()).isEqualTo(delivered.get(0).immutableId());
            assertThat(m.folder()).isEqualTo("recoverableitemsdeletions");
        });
        assertThat(graph.emulator().messages(mailbox, null)).as("every visible folder").isEmpty();
        assertThat(graph.emulator().message(mailbox, delivered.get(1).immutableId())).isEmpty();
        assertThatThrownBy(() -> client.users().byUserId(mailbox).messages().byMessageId(delivered.get(0).immutableId())
                .get()).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThat(client.users().byUserId(mailbox).mailFolders().get().getValue()).extracting(MailFolder::getDisplayName)
                .doesNotContain("Recoverable Items", "Deletions");
    }

    @Test
    void answers410SyncStateNotFoundForAnEvictedDeltaLink() {
        graph.emulator().deliver(mailbox, 2, Fixtures::customerMail);
        Round first = round(null);

        graph.emulator().evictDeltaTokens(mailbox);

        assertThatThrownBy(() -> round(first.deltaLink()))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(410);
                    assertThat(e.getError().getCode()).isEqualTo("SyncStateNotFound");
                });
    }

    @Test
    void answersTheSamePageAgainWhileTheRoundRunsButExpiresItsPageLinksOnceItHasEnded() {
        graph.emulator().deliver(mailbox, 12, Fixtures::customerMail);
        DeltaRequestBuilder delta = client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages().delta();
        Consumer<DeltaRequestBuilder.GetRequestConfiguration> fivePerPage = config -> config.headers.add("Prefer",
                "odata.maxpagesize=5");
        String second = delta.get(fivePerPage).getOdataNextLink();

        List<String> again = delta.withUrl(second).get(fivePerPage).getValue().stream().map(Message::getId).toList();
        assertThat(delta.withUrl(second).get(fivePerPage).getValue()).extracting(Message::getId).isEqualTo(again);
        String third = delta.withUrl(second).get(fivePerPage).getOdataNextLink();
        assertThat(delta.withUrl(third).get(fivePerPage).getOdataDeltaLink()).isNotBlank();

        assertThatThrownBy(() -> delta.withUrl(second).get(fivePerPage))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(410);
                    assertThat(e.getError().getCode()).isEqualTo("SyncStateNotFound");
                });
    }

    @Test
    void canServeEmptyPagesRepeatItemsAcrossPagesAndMixTheirOrderAsGraphMay() {
        List<MessageView> delivered = graph.emulator().deliver(mailbox, 12, Fixtures::customerMail);
        graph.emulator().deltaQuirks(DeltaQuirks.ALL);
        try {
            Round round = round(null, "odata.maxpagesize=5");

            assertThat(round.pages().get(0).getValue()).as("first page").isEmpty();
            assertThat(round.pages().get(0).getOdataNextLink()).isNotBlank();
            List<String> ids = round.messages().stream().map(Message::getId).toList();
            assertThat(ids).as("items, some twice").hasSizeGreaterThan(12)
                    .containsAll(delivered.stream().map(MessageView::id).toList());
            assertThat(ids.stream().distinct().toList()).as("in delivery order")
                    .isNotEqualTo(delivered.stream().map(MessageView::id).toList());
        } finally {
            graph.emulator().deltaQuirks(DeltaQuirks.NONE);
        }
    }

    @Test
    void servesDeltaWithoutParenthesesAndOnAFolderGivenById() {
        graph.emulator().deliver(mailbox, 4, Fixtures::customerMail);
        String inboxId = client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").get().getId();
        String url = graph.emulator().graphBaseUrl() + "/users/" + mailbox + "/mailFolders/"
                + URLEncoder.encode(inboxId, StandardCharsets.UTF_8) + "/messages/delta";

        DeltaGetResponse page = client.users().byUserId(mailbox).mailFolders().byMailFolderId(inboxId).messages().delta()
                .withUrl(url).get();

        assertThat(page.getValue()).hasSize(4);
        assertThat(page.getOdataDeltaLink()).contains("/messages/delta?$deltatoken=");
    }

    @Nested
    class MailFolders {

        @Test
        void shouldListTheWellKnownFoldersAndCreateACustomOneWhenAsked() {
            var created = new com.microsoft.graph.models.MailFolder();
            created.setDisplayName("Customers");
            client.users().byUserId(mailbox).mailFolders().post(created);

            var folders = client.users().byUserId(mailbox).mailFolders().get(c -> c.queryParameters.top = 50).getValue();

            assertThat(folders).extracting(com.microsoft.graph.models.MailFolder::getDisplayName)
                    .contains("Inbox", "Archive", "Deleted Items", "Junk Email", "Sent Items", "Customers");
        }

        @Test
        void shouldPageMessagesWithTopAndSelectWhenListing() {
            graph.emulator().deliver(mailbox, 15, Fixtures::customerMail);

            var page = client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").messages()
                    .get(c -> {
                        c.queryParameters.top = 10;
                        c.queryParameters.select = new String[] {"subject"};
                    });

            assertThat(page.getValue()).hasSize(10).allSatisfy(m -> {
                assertThat(m.getSubject()).startsWith("Order ");
                assertThat(m.getBody()).isNull();
            });
            assertThat(page.getOdataNextLink()).contains("$skip=10");
        }
    }
}
