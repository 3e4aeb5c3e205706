package org.mailtrail.emulator.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.node.ObjectNode;

class MailboxServiceTest {

    private final MailboxService service = new MailboxService(Clock.systemUTC());
    private final Mailbox mailbox = service.create("tenant", "box@contoso.com", "Box", null);
    private final List<MessageChange> changes = new ArrayList<>();

    MailboxServiceTest() {
        service.addListener(changes::add);
    }

    private static Mail mail(String subject) {
        return Mail.builder().from("Jordan <j@fabrikam.example>").to("anna@contoso.com").subject(subject).build();
    }

    private MailboxService.DeltaPage delta(String deltaToken, String changeType) {
        return service.delta(mailbox, "inbox", new MailboxService.DeltaQuery(null, deltaToken, "subject", changeType, 100,
                MailboxService.Render.DEFAULT));
    }

    private static List<String> ids(MailboxService.DeltaPage page) {
        return page.value().stream().map(item -> item.get("id").asString()).toList();
    }

    @Test
    void givesAMovedMessageANewRegularIdAndWebLinkButKeepsItsImmutableId() {
        MessageView delivered = service.deliver(mailbox, mail("Quote"));

        ObjectNode moved = service.move(mailbox, null, delivered.id(), "archive", MailboxService.Render.DEFAULT);

        assertThat(moved.get("id").asString()).isNotEqualTo(delivered.id());
        assertThat(moved.get("webLink").asString())
                .isEqualTo("https://outlook.office365.com/owa/?ItemID=" + URLEncoder.encode(moved.get("id").asString(), StandardCharsets.UTF_8)
                        + "&exvsurl=1&viewmodel=ReadMessageItem");
        assertThat(service.message(mailbox, delivered.immutableId())).get()
                .satisfies(view -> assertThat(view.folder()).isEqualTo("archive"));
        assertThat(service.message(mailbox, delivered.id())).isEmpty();
        assertThat(changes).extracting(MessageChange::type)
                .containsExactly(MessageChange.Type.CREATED, MessageChange.Type.DELETED, MessageChange.Type.CREATED);
    }

    /** A changeType filter is chosen in a round's first request and carried by its links, as in Graph. */
    @Test
    void reportsCreatedUpdatedAndRemovedMessagesInTheNextDeltaRound() {
        MessageView kept = service.deliver(mailbox, mail("kept"));
        MessageView read = service.deliver(mailbox, mail("read"));
        MessageView moved = service.deliver(mailbox, mail("moved"));
        String link = delta(null, null).deltaToken();
        String createdOnly = delta(null, "created").deltaToken();
        String deletedOnly = delta(null, "deleted").deltaToken();
        MessageView fresh = service.deliver(mailbox, mail("fresh"));
        service.update(mailbox, null, read.id(), org.mailtrail.emulator.http.Json.parse("{\"isRead\":true}".getBytes(StandardCharsets.UTF_8)),
                MailboxService.Render.DEFAULT);
        service.move(mailbox, null, moved.id(), "archive", MailboxService.Render.DEFAULT);
        MessageView cameAndWent = service.deliver(mailbox, mail("came and went"));
        service.delete(mailbox, null, cameAndWent.id());

        MailboxService.DeltaPage round = delta(link, null);

        assertThat(ids(round)).containsExactlyInAnyOrder(fresh.id(), read.id(), moved.id()).doesNotContain(kept.id());
        assertThat(round.value()).filteredOn(item -> item.has("@removed")).extracting(item -> item.get("id").asString())
                .containsExactly(moved.id());
        assertThat(ids(delta(createdOnly, null))).containsExactly(fresh.id());
        assertThat(ids(delta(deletedOnly, null))).containsExactly(moved.id());
    }

    @Test
    void pagesARoundAndAnswersTheSamePageForTheSameTokenAgain() {
        for (int i = 0; i < 5; i++) {
            service.deliver(mailbox, mail("m" + i));
        }
        MailboxService.DeltaQuery firstPage = new MailboxService.DeltaQuery(null, null, null, null, 2, MailboxService.Render.DEFAULT);

        MailboxService.DeltaPage page1 = service.delta(mailbox, "inbox", firstPage);
        MailboxService.DeltaQuery next = new MailboxService.DeltaQuery(page1.nextToken(), null, null, null, 2, MailboxService.Render.DEFAULT);
        MailboxService.DeltaPage page2 = service.delta(mailbox, "inbox", next);
        MailboxService.DeltaPage page2Again = service.delta(mailbox, "inbox", next);

        assertThat(page1.value()).hasSize(2);
        assertThat(ids(page2)).hasSize(2).isEqualTo(ids(page2Again));
        assertThat(page2.nextToken()).isNotNull();
    }

    @Test
    void answers410ForATokenOfAnotherMailboxOrAnEvictedOne() {
        service.deliver(mailbox, mail("x"));
        String link = delta(null, null).deltaToken();
        Mailbox other = service.create("tenant", "other@contoso.com", null, null);

        assertThatThrownBy(() -> service.delta(other, "inbox", new MailboxService.DeltaQuery(null, link, null, null, 10,
                MailboxService.Render.DEFAULT))).isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.status()).isEqualTo(410));
        service.deltaTokens().evict(null);
        assertThatThrownBy(() -> delta(link, null))
                .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo("SyncStateNotFound"));
    }

    @Test
    void softDeletesIntoRecoverableItemsWhereGraphNoLongerFindsTheMessage() {
        MessageView delivered = service.deliver(mailbox, mail("x"));
        service.delete(mailbox, null, delivered.id());

        assertThat(service.messages(mailbox, null)).isEmpty();
        assertThat(service.recoverableItems(mailbox)).extracting(MessageView::folder).containsExactly("recoverableitemsdeletions");
        assertThatThrownBy(() -> service.delete(mailbox, null, delivered.immutableId()))
                .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void refusesAnUnknownSelectPropertyAsGraphDoes() {
        assertThatThrownBy(() -> service.delta(mailbox, "inbox", new MailboxService.DeltaQuery(null, null, "subjekt", null, 10,
                MailboxService.Render.DEFAULT)))
                .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.getMessage()).contains("'subjekt'"));
    }

    @Test
    void threadsMailsWithTheSameSubjectIntoOneConversation() {
        MessageView first = service.deliver(mailbox, mail("Quote for racks"));
        MessageView reply = service.deliver(mailbox, mail("RE: Quote for racks"));

        assertThat(reply.conversationId()).isEqualTo(first.conversationId());
    }

    /** The encrypted content of a rich notification, as Graph's example of a decrypted Outlook message is shaped. */
    @Test
    void givesRichNotificationsOnlyTheSelectedPropertiesWithTheirODataTypes() {
        MessageView delivered = service.deliver(mailbox, Mail.builder().from("Jordan <j@fabrikam.example>")
                .to("anna@contoso.com").subject("Quote").sentDateTime(Instant.parse("2025-03-03T08:14:03Z"))
                .categories("Customer").read(true).importance("High").build());

        ObjectNode content = service.notificationContent(mailbox, delivered.immutableId(),
                MailboxService.messageSelect("Flag,ccRecipients,importance,isRead,subject,categories,sentDateTime,id")).orElseThrow();

        assertThat(content).isEqualTo(Json.parse("""
                {"categories@odata.type": "#Collection(String)", "categories": ["Customer"],
                 "sentDateTime@odata.type": "#DateTimeOffset", "sentDateTime": "2025-03-03T08:14:03Z",
                 "subject": "Quote",
                 "importance@odata.type": "#microsoft.graph.importance", "importance": "high",
                 "isRead": true,
                 "ccRecipients@odata.type": "#Collection(microsoft.graph.recipient)", "ccRecipients": [],
                 "flag": {"@odata.type": "#microsoft.graph.followupFlag",
                          "flagStatus@odata.type": "#microsoft.graph.followupFlagStatus", "flagStatus": "notFlagged"}}
                """.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hasNoRichNotificationContentForAMessageThatIsGone() {
        MessageView delivered = service.deliver(mailbox, mail("Quote"));

        service.permanentDelete(mailbox, null, delivered.id());

        assertThat(service.notificationContent(mailbox, delivered.immutableId(), List.of("subject"))).isEmpty();
    }
}
