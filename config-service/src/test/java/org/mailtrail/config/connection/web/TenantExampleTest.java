package org.mailtrail.config.connection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mailtrail.config.connection.domain.ConnectionDraft;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.validation.beanvalidation.SpringConstraintValidatorFactory;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import tools.jackson.databind.DeserializationFeature;

/**
 * The example connection of {@code ./mailtrail run --tenant} ({@code local-run/tenant.example.json}) is one this
 * service accepts: every field known, every constraint met, as the API would validate it.
 */
class TenantExampleTest {

    private static final Path EXAMPLE = Path.of("..", "local-run", "tenant.example.json");

    /** Validators made as the application makes them, through Spring, which reaches their package-private classes. */
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .constraintValidatorFactory(new SpringConstraintValidatorFactory(new DefaultListableBeanFactory()))
            .buildValidatorFactory().getValidator();

    @Test
    void theExampleTenantFileIsAValidConnectionRequestWithNoFieldThisServiceDoesNotKnow() throws Exception {
        // Strict about unknown fields, unlike the API: a misspelt field in the example would silently be a default.
        ConnectionRequest request = ContractJson.mapper().readerFor(ConnectionRequest.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(Files.readString(EXAMPLE));

        assertThat(VALIDATOR.validate(request)).isEmpty();
        ConnectionDraft draft = request.toDraft();
        assertThat(draft.id()).isEqualTo("contoso-sales");
        assertThat(draft.settings().authMode()).isEqualTo(AuthMode.APPLICATION);
        assertThat(draft.settings().unmatchedPolicy()).isEqualTo(UnmatchedPolicy.LEAVE);
        assertThat(draft.settings().pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(draft.settings().notificationUrl()).isNull();
        assertThat(draft.settings().hold().folder()).isEqualTo("Not logged");
        assertThat(draft.enabled()).isFalse();
    }
}
