package org.mailtrail.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.mailbox.EmailAddress;

import tools.jackson.core.JacksonException;

class SeedTest {

    @Test
    void readsTheBundledDemoSeed() {
        Seed demo = Seed.bundled("demo.json");

        assertThat(demo.tenants()).singleElement().satisfies(tenant -> {
            assertThat(tenant.domains()).contains("contoso.com");
            assertThat(tenant.apps()).singleElement().satisfies(app -> assertThat(app.mailboxes()).containsExactly("sales-mail@contoso.com"));
        });
        assertThat(demo.messageCount()).isEqualTo(5);
        assertThat(demo.tenants().get(0).mailboxes().get(0).messages().get(0).from())
                .isEqualTo(new EmailAddress("Jordan Smith", "j.smith@fabrikam.example"));
    }

    @Test
    void takesAddressesAsTextOrAsObjects() {
        Seed seed = Seed.parse("""
                {"tenants":[{"id":"t","mailboxes":[{"address":"a@b.example","messages":[
                  {"from":"x@y.example","toRecipients":[{"name":"Zed","address":"z@y.example"}, "\\"Quoted, Name\\" <q@y.example>"]}]}]}]}
                """.getBytes(StandardCharsets.UTF_8));

        var mail = seed.tenants().get(0).mailboxes().get(0).messages().get(0);
        assertThat(mail.from()).isEqualTo(new EmailAddress("x@y.example", "x@y.example"));
        assertThat(mail.toRecipients()).containsExactly(new EmailAddress("Zed", "z@y.example"),
                new EmailAddress("Quoted, Name", "q@y.example"));
    }

    @Test
    void refusesAMisspeltProperty() {
        assertThatThrownBy(() -> Seed.parse("{\"tenants\":[{\"id\":\"t\",\"mailbox\":[]}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JacksonException.class);
    }
}
