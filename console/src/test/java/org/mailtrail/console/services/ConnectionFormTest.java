package org.mailtrail.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.platform.problem.FieldProblem;

import tools.jackson.databind.json.JsonMapper;

class ConnectionFormTest {

    @Nested
    class WhatIsSent {

        @Test
        void shouldSendTheRedirectUrlAndNoNotificationUrlWhenDelegated() {
            ConnectionForm.Request request = form().authMode("DELEGATED").build().toRequest(true);

            assertThat(request.redirectUrl()).isEqualTo("http://127.0.0.1:8081/oauth/callback");
            assertThat(request.notificationUrl()).isNull();
        }

        @Test
        void shouldSendTheNotificationUrlAndNoRedirectUrlWhenApplication() {
            ConnectionForm.Request request = form().build().toRequest(true);

            assertThat(request.notificationUrl()).isEqualTo("http://127.0.0.1:8082/graph/notifications");
            assertThat(request.redirectUrl()).isNull();
        }

        @Test
        void shouldLeaveBlanksOutSoThatConfigServiceDefaultsApply() {
            String json = JsonMapper.shared().writeValueAsString(form().graphBaseUrl(" ").sourceFolder("")
                    .internalDomains("\n").clientSecret("").build().toRequest(true));

            assertThat(json).doesNotContain("graphBaseUrl", "sourceFolder", "internalDomains", "clientSecret");
        }

        @Test
        void shouldSendTheIdOnCreateOnly() {
            assertThat(form().build().toRequest(true).id()).isEqualTo("contoso-sales");
            assertThat(form().build().toRequest(false).id()).isNull();
        }

        @Test
        void shouldSplitListsByLinesCommasAndBlanksAndDropRepeats() {
            ConnectionForm.Request request = form().internalDomains("contoso.com\r\nContoso.de, contoso.com\n\n")
                    .freeMailDomains("gmail.com; outlook.com").build().toRequest(false);

            assertThat(request.internalDomains()).containsExactly("contoso.com", "contoso.de");
            assertThat(request.matching().freeMailDomains()).containsExactly("gmail.com", "outlook.com");
        }

        @Test
        void shouldSendTheHoldWithItsDaysAsAnIsoDurationAndTheCopiesAsChosen() {
            String json = JsonMapper.shared().writeValueAsString(form().holdRetention(" 45 ").copies("DELETE").build()
                    .toRequest(false));

            assertThat(json).contains("\"hold\":{\"enabled\":true,\"folder\":\"Not logged\",\"retention\":\"P45D\"}",
                    "\"copies\":\"DELETE\"");
        }

        @Test
        void shouldSendAClearedHoldAsOffAndARetentionOfNoWholeDaysAsTyped() {
            ConnectionForm.Request request = form().holdEnabled(null).holdRetention("PT12H").build().toRequest(false);

            assertThat(request.hold()).isEqualTo(new ConnectionForm.Request.Hold(false, "Not logged", "PT12H"));
        }

        @Test
        void shouldLeaveABlankRetentionAndCopiesOutSoThatConfigServiceDefaultsApply() {
            String json = JsonMapper.shared().writeValueAsString(form().holdRetention(" ").copies("").build()
                    .toRequest(true));

            assertThat(json).contains("\"hold\":{\"enabled\":true,\"folder\":\"Not logged\"}")
                    .doesNotContain("retention", "copies");
        }

        @Test
        void shouldSendClearedCheckBoxesAsOff() {
            ConnectionForm.Request request = form().domainFallback(null).build().toRequest(false);

            assertThat(request.matching().domainFallback()).isFalse();
        }
    }

    @Nested
    class WhatIsRefused {

        @Test
        void shouldRequireTheSecretWhenCreatingWithApplicationPermissions() {
            assertThat(form().clientSecret(null).build().problems(true)).extracting(FieldProblem::field)
                    .containsExactly("clientSecret");
        }

        @Test
        void shouldTakeAReferenceInPlaceOfTheSecret() {
            assertThat(form().clientSecret(null).clientSecretRef("env:GRAPH_SECRET").build().problems(true)).isEmpty();
        }

        @Test
        void shouldKeepTheStoredSecretWhenEditingWithoutOne() {
            assertThat(form().clientSecret(null).build().problems(false)).isEmpty();
        }

        @Test
        void shouldLetADelegatedAppGoWithoutSecret() {
            assertThat(form().authMode("DELEGATED").clientSecret(null).build().problems(true)).isEmpty();
        }

        @Test
        void shouldRefuseTheSecretAndAReferenceTogether() {
            assertThat(form().clientSecretRef("env:GRAPH_SECRET").build().problems(true))
                    .extracting(FieldProblem::field).containsExactly("clientSecretRef");
        }

        @Test
        void shouldRefuseAnAuthModeThatIsNeitherOfTheTwo() {
            assertThat(form().authMode("ROOT").build().problems(false)).extracting(FieldProblem::field)
                    .containsExactly("authMode");
        }

        @Test
        void shouldRefuseHoldDaysThatAreNoneOrOutsideOneToTenYears() {
            for (String days : List.of("0", "3651", "thirty", "12345678901", "-5")) {
                assertThat(form().holdRetention(days).build().problems(false)).as(days).containsExactly(
                        new FieldProblem("holdRetention", "must be a number of days from 1 to 3650"));
            }
            for (String days : List.of("1", "3650", "PT10S", "p30d")) {
                assertThat(form().holdRetention(days).build().problems(false)).as(days).isEmpty();
            }
        }

        @Test
        void shouldRefuseCopiesThatAreNeitherOfTheTwo() {
            assertThat(form().copies("KEEP").build().problems(false)).extracting(FieldProblem::field)
                    .containsExactly("copies");
        }

        @Test
        void shouldRefuseMoreInternalDomainsThanConfigServiceTakes() {
            String domains = IntStream.rangeClosed(1, 101).mapToObj(n -> "d" + n + ".example")
                    .collect(Collectors.joining("\n"));

            assertThat(form().internalDomains(domains).build().problems(false)).containsExactly(new FieldProblem(
                    "internalDomains", "holds 101 domains; at most 100 are taken"));
        }
    }

    @Nested
    class TheSecret {

        @Test
        void shouldNeverBePrinted() {
            assertThat(form().build().toString()).doesNotContain("s3cret-value");
            assertThat(form().build().toRequest(true).toString()).doesNotContain("s3cret-value");
        }

        @Test
        void shouldBeDroppedBeforeTheFormIsShownAgain() {
            ConnectionForm shown = form().build().withoutSecret();

            assertThat(shown.clientSecret()).isNull();
            assertThat(shown).isEqualTo(form().clientSecret(null).build());
        }
    }

    @Test
    void shouldCarryTheRevisionOfTheConnectionItWasMadeFrom() {
        Connection connection = new Connection("contoso-sales", 7, "Contoso", "contoso.com",
                "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b", "APPLICATION", "crm-log@contoso.com", "inbox", "archive",
                "DELETE", "MOVE_TO_DELETED_ITEMS", List.of("contoso.com", "contoso.de"), null, null, null, "PT5M",
                null, null, null, null, true, null, Instant.EPOCH, "admin", Instant.EPOCH, "admin");

        ConnectionForm form = ConnectionForm.of(connection);

        assertThat(form.revision()).isEqualTo(7);
        assertThat(form.internalDomains()).isEqualTo("contoso.com\ncontoso.de");
        assertThat(form.domainFallback()).isFalse();
        assertThat(form.holdEnabled()).as("config-service's default hold").isTrue();
        assertThat(form.holdFolder()).isEqualTo("Not logged");
        assertThat(form.holdRetention()).isEqualTo("30");
        assertThat(form.copies()).isEqualTo("LIKE_FIRST");
    }

    @Test
    void shouldShowTheRetentionInDaysWhenItIsWholeDaysAndAsTheDurationOtherwise() {
        assertThat(ConnectionForm.of(connection(new Connection.Hold(true, "Held", "P14D"))).holdRetention())
                .isEqualTo("14");
        assertThat(ConnectionForm.of(connection(new Connection.Hold(false, "Held", "PT36H"))).holdRetention())
                .isEqualTo("PT36H");
        assertThat(ConnectionForm.of(connection(new Connection.Hold(false, "Held", "PT10S"))).holdEnabled())
                .isFalse();
    }

    private static Connection connection(Connection.Hold hold) {
        return new Connection("contoso-sales", 7, "Contoso", "contoso.com", "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b",
                "APPLICATION", "crm-log@contoso.com", "inbox", "archive", "DELETE", "MOVE_TO_DELETED_ITEMS",
                List.of(), null, null, null, "PT5M", null, null, hold, "DELETE", true, null, Instant.EPOCH, "admin",
                Instant.EPOCH, "admin");
    }

    static Builder form() {
        return new Builder();
    }

    /** A complete, valid form of an APPLICATION connection, changed one field at a time. */
    static final class Builder {

        private String authMode = "APPLICATION";
        private String clientSecret = "s3cret-value";
        private String clientSecretRef;
        private String sourceFolder = "inbox";
        private String internalDomains = "contoso.com";
        private String graphBaseUrl = "https://graph.microsoft.com/v1.0";
        private String freeMailDomains = "";
        private Boolean domainFallback = true;
        private Boolean holdEnabled = true;
        private String holdRetention = "30";
        private String copies = "LIKE_FIRST";

        Builder authMode(String value) {
            authMode = value;
            return this;
        }

        Builder clientSecret(String value) {
            clientSecret = value;
            return this;
        }

        Builder clientSecretRef(String value) {
            clientSecretRef = value;
            return this;
        }

        Builder sourceFolder(String value) {
            sourceFolder = value;
            return this;
        }

        Builder internalDomains(String value) {
            internalDomains = value;
            return this;
        }

        Builder graphBaseUrl(String value) {
            graphBaseUrl = value;
            return this;
        }

        Builder freeMailDomains(String value) {
            freeMailDomains = value;
            return this;
        }

        Builder domainFallback(Boolean value) {
            domainFallback = value;
            return this;
        }

        Builder holdEnabled(Boolean value) {
            holdEnabled = value;
            return this;
        }

        Builder holdRetention(String value) {
            holdRetention = value;
            return this;
        }

        Builder copies(String value) {
            copies = value;
            return this;
        }

        ConnectionForm build() {
            return new ConnectionForm("contoso-sales", "Contoso sales", "contoso.com",
                    "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b", clientSecret, clientSecretRef, authMode,
                    "crm-log@contoso.com", sourceFolder, "archive", "DELETE", "MOVE_TO_DELETED_ITEMS", internalDomains,
                    graphBaseUrl, "https://login.microsoftonline.com", "http://127.0.0.1:8082/graph/notifications",
                    "PT5M", "http://127.0.0.1:8081/oauth/callback", domainFallback, freeMailDomains, false, "", "",
                    false, holdEnabled, "Not logged", holdRetention, copies, 3L);
        }
    }
}
