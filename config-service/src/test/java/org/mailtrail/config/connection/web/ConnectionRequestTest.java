package org.mailtrail.config.connection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.validation.beanvalidation.SpringConstraintValidatorFactory;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

/** The hold and copies settings of a connection request: their defaults, their bounds and what a replace keeps. */
class ConnectionRequestTest {

    /** Validators made as the application makes them, through Spring, which reaches their package-private classes. */
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .constraintValidatorFactory(new SpringConstraintValidatorFactory(new DefaultListableBeanFactory()))
            .buildValidatorFactory().getValidator();

    /** A valid request with {@code changes} applied; a null value leaves the field out. */
    private static ConnectionRequest request(Map<String, Object> changes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("displayName", "Contoso sales mailbox");
        fields.put("tenantId", "7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10");
        fields.put("clientId", "5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b");
        fields.put("authMode", "APPLICATION");
        fields.put("mailbox", "crm-log@contoso.com");
        fields.putAll(changes);
        fields.values().removeIf(value -> value == null);
        return ContractJson.mapper().convertValue(fields, ConnectionRequest.class);
    }

    private static ConnectionRequest request() {
        return request(Map.of());
    }

    private static ConnectionRequest withHold(Map<String, Object> hold) {
        return request(Map.of("hold", hold));
    }

    /** Each refusal as {@code field: reason}. */
    private static List<String> refusals(ConnectionRequest request) {
        return VALIDATOR.validate(request).stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                .toList();
    }

    @Nested
    class Defaults {

        @Test
        void holdsIntoNotLoggedForThirtyDaysAndTreatsCopiesLikeTheFirstWhenANewConnectionLeavesThemOut() {
            ConnectionSettings settings = request().toDraft().settings();

            assertThat(settings.hold()).isEqualTo(new HoldPolicy(true, "Not logged", Duration.ofDays(30)));
            assertThat(settings.copies()).isEqualTo(CopyPolicy.LIKE_FIRST);
        }

        @Test
        void takesWhatAHoldLeavesOutFromTheDefault() {
            assertThat(withHold(Map.of("retention", "PT12H")).toDraft().settings().hold())
                    .isEqualTo(new HoldPolicy(true, "Not logged", Duration.ofHours(12)));
            assertThat(withHold(Map.of("enabled", false)).toDraft().settings().hold())
                    .isEqualTo(new HoldPolicy(false, "Not logged", Duration.ofDays(30)));
            assertThat(withHold(Map.of()).toDraft().settings().hold()).isEqualTo(HoldPolicy.DEFAULT);
        }

        @Test
        void takesTheHoldAndCopiesGiven() {
            ConnectionSettings settings = request(Map.of("hold",
                    Map.of("enabled", true, "folder", "Waiting for the CRM", "retention", "P7D"), "copies", "DELETE"))
                    .toDraft().settings();

            assertThat(settings.hold()).isEqualTo(new HoldPolicy(true, "Waiting for the CRM", Duration.ofDays(7)));
            assertThat(settings.copies()).isEqualTo(CopyPolicy.DELETE);
        }

        @Test
        void showsTheRetentionInDaysWhenItIsWholeDays() {
            assertThat(HoldSettings.of(HoldPolicy.DEFAULT))
                    .isEqualTo(new HoldSettings(true, "Not logged", "P30D"));
            assertThat(HoldSettings.of(new HoldPolicy(false, "Held", Duration.ofHours(36))).retention())
                    .isEqualTo("PT36H");
            assertThat(HoldSettings.of(new HoldPolicy(true, "Held", Duration.ofSeconds(10))).retention())
                    .isEqualTo("PT10S");
        }
    }

    @Nested
    class Replacing {

        private final ConnectionSettings stored = request(Map.of("hold", Map.of("enabled", false), "copies", "DELETE"))
                .toDraft().settings();

        @Test
        void keepsTheStoredHoldAndCopiesWhenTheReplaceLeavesThemOut() {
            ConnectionSettings replacing = request(Map.of("displayName", "renamed")).toDraft()
                    .settingsReplacing(stored);

            assertThat(replacing.hold()).isEqualTo(stored.hold());
            assertThat(replacing.copies()).isEqualTo(CopyPolicy.DELETE);
            assertThat(stored.differences(replacing)).containsExactly("displayName");
        }

        @Test
        void takesTheHoldAndCopiesTheReplaceGives() {
            ConnectionSettings replacing = request(Map.of("hold", Map.of("retention", "P90D"), "copies", "LIKE_FIRST"))
                    .toDraft().settingsReplacing(stored);

            assertThat(replacing.hold()).isEqualTo(new HoldPolicy(true, "Not logged", Duration.ofDays(90)));
            assertThat(replacing.copies()).isEqualTo(CopyPolicy.LIKE_FIRST);
            assertThat(stored.differences(replacing)).containsExactly("hold", "copies");
        }
    }

    @Nested
    class Bounds {

        @Test
        void acceptsTheBoundsThemselves() {
            assertThat(refusals(withHold(Map.of("retention", "PT10S")))).isEmpty();
            assertThat(refusals(withHold(Map.of("retention", "P3650D")))).isEmpty();
            assertThat(refusals(withHold(Map.of("folder", "x".repeat(100))))).isEmpty();
            assertThat(refusals(withHold(Map.of("folder", "N")))).isEmpty();
            assertThat(refusals(withHold(Map.of("folder", "Not logged (2026)")))).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.mailtrail.config.connection.web.ConnectionRequestTest#refusedHolds")
        void refusesAHoldOutOfBoundsNamingTheFieldAndWhy(Map<String, Object> hold, String refusal) {
            assertThat(refusals(withHold(hold))).containsExactly(refusal);
        }

        @Test
        void refusesAHoldFolderThatIsTheArchiveOrSourceFolderTheRequestNames() {
            assertThat(refusals(request(Map.of("archiveFolder", "Logged mail", "hold",
                    Map.of("folder", "logged MAIL"))))).containsExactly(
                            "hold.folder: must not be the archive folder: held mail would sit among the logged mail");
            assertThat(refusals(request(Map.of("sourceFolder", "CRM", "hold", Map.of("folder", "crm")))))
                    .containsExactly("hold.folder: must not be the source folder: held mail is moved out of it to wait");
            assertThat(refusals(request(Map.of("sourceFolder", "CRM", "hold", Map.of("folder", "inbox")))))
                    .as("inbox is no longer the source").isEmpty();
        }

        @Test
        void refusesAHoldLeftAtTheDefaultFolderWhenTheArchiveFolderHasThatName() {
            assertThat(refusals(request(Map.of("archiveFolder", "Not logged", "hold", Map.of("enabled", true)))))
                    .containsExactly(
                            "hold.folder: must not be the archive folder: held mail would sit among the logged mail");
        }
    }

    static Stream<Arguments> refusedHolds() {
        String bounds = "hold.retention: must be between PT10S and P3650D";
        String notDuration = "hold.retention: must be an ISO-8601 duration such as P30D or PT12H";
        String spaces = "hold.folder: must not be blank, nor begin or end with a space";
        return Stream.of(
                Arguments.of(Map.of("retention", "PT9S"), bounds),
                Arguments.of(Map.of("retention", "P3651D"), bounds),
                Arguments.of(Map.of("retention", "-P1D"), bounds),
                Arguments.of(Map.of("retention", "30 days"), notDuration),
                Arguments.of(Map.of("retention", "P1M"), notDuration),
                Arguments.of(Map.of("folder", ""), spaces),
                Arguments.of(Map.of("folder", "   "), spaces),
                Arguments.of(Map.of("folder", " Not logged"), spaces),
                Arguments.of(Map.of("folder", "Not logged\t"), spaces),
                Arguments.of(Map.of("folder", "Not logged\u00a0"), spaces),
                Arguments.of(Map.of("folder", "x".repeat(101)), "hold.folder: must be at most 100 characters"),
                Arguments.of(Map.of("folder", "Archive"),
                        "hold.folder: must not be the archive folder: held mail would sit among the logged mail"),
                Arguments.of(Map.of("folder", "INBOX"),
                        "hold.folder: must not be the source folder: held mail is moved out of it to wait"));
    }
}
