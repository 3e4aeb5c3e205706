package org.mailtrail.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetupPropertiesTest {

    @Test
    void registersConfigServicesOwnCallbackWhenNoOtherIsConfigured() {
        SetupProperties defaults = new SetupProperties("https://graph.microsoft.com/v1.0",
                "https://login.microsoftonline.com", "", "", "PT5M");

        assertThat(defaults.consentCallbackUrl("http://127.0.0.1:8081/")).isEqualTo(
                "http://127.0.0.1:8081/oauth/callback");
    }

    @Test
    void registersTheConfiguredCallbackWhereBrowsersReachConfigServiceElsewhere() {
        SetupProperties defaults = new SetupProperties("https://graph.microsoft.com/v1.0",
                "https://login.microsoftonline.com", "", "https://mailtrail.contoso.com/oauth/callback", "PT5M");

        assertThat(defaults.consentCallbackUrl("http://config-service:8081")).isEqualTo(
                "https://mailtrail.contoso.com/oauth/callback");
    }
}
