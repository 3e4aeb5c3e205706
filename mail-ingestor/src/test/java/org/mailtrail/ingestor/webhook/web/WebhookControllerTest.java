package org.mailtrail.ingestor.webhook.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookControllerTest {

    @Test
    void decodesTheValidationTokenAsGraphEncodesIt() {
        assertThat(WebhookController.validationToken(
                "validationToken=Validation%3A+Testing+client+application+reachability+for+subscription"))
                .isEqualTo("Validation: Testing client application reachability for subscription");
        assertThat(WebhookController.validationToken("a=1&validationToken=x%20y%2Bz")).isEqualTo("x y+z");
    }

    @Test
    void findsNoTokenInADelivery() {
        assertThat(WebhookController.validationToken(null)).isNull();
        assertThat(WebhookController.validationToken("validationTokenX=1&other=2")).isNull();
    }
}
