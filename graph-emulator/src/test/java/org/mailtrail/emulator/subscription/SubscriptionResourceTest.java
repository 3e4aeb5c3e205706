package org.mailtrail.emulator.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.http.Caller;

class SubscriptionResourceTest {

    private static final Caller APP = new Caller("t", "app", null, null);
    private static final Caller ANNA = new Caller("t", "app", "oid", "anna@contoso.com");

    @Test
    void understandsTheResourceSpellingsClientsUse() {
        assertThat(SubscriptionService.parseResource("users/box@contoso.com/mailFolders('Inbox')/messages", APP))
                .isEqualTo(new SubscriptionService.Resource("box@contoso.com", "Inbox"));
        assertThat(SubscriptionService.parseResource("/Users/box@contoso.com/MailFolders/AQMkAD=/Messages", APP))
                .isEqualTo(new SubscriptionService.Resource("box@contoso.com", "AQMkAD="));
        assertThat(SubscriptionService.parseResource("/users/box@contoso.com/messages", APP))
                .isEqualTo(new SubscriptionService.Resource("box@contoso.com", null));
        assertThat(SubscriptionService.parseResource("me/mailfolders('inbox')/messages", ANNA))
                .isEqualTo(new SubscriptionService.Resource("anna@contoso.com", "inbox"));
    }

    @Test
    void rejectsResourcesThatAreNotMail() {
        assertThat(SubscriptionService.parseResource("users/box@contoso.com/events", APP)).isNull();
        assertThat(SubscriptionService.parseResource("me/messages", APP)).isNull();
        assertThat(SubscriptionService.parseResource(null, APP)).isNull();
    }
}
