package org.mailtrail.config.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class GraphScopesTest {

    @Test
    void asksForTheGraphOfTheConnectionsCloud() {
        assertThat(GraphScopes.application(URI.create("https://graph.microsoft.com/v1.0")))
                .isEqualTo("https://graph.microsoft.com/.default");
        assertThat(GraphScopes.application(URI.create("https://graph.microsoft.us/v1.0")))
                .isEqualTo("https://graph.microsoft.us/.default");
        assertThat(GraphScopes.application(URI.create("https://microsoftgraph.chinacloudapi.cn/v1.0")))
                .isEqualTo("https://microsoftgraph.chinacloudapi.cn/.default");
    }

    @Test
    void treatsAnyOtherHostAsAStandInForTheGlobalGraph() {
        assertThat(GraphScopes.application(URI.create("https://127.0.0.1:8443/v1.0")))
                .isEqualTo("https://graph.microsoft.com/.default");
    }

    @Test
    void asksForDelegatedPermissionsWithARefreshToken() {
        assertThat(GraphScopes.delegated(URI.create("https://graph.microsoft.com/v1.0"), List.of("Mail.ReadWrite.Shared")))
                .containsExactly("https://graph.microsoft.com/Mail.ReadWrite.Shared", "offline_access", "openid", "profile");
    }

    @Test
    void readsEntrasErrorNumber() {
        assertThat(EntraTokenRequestException.aadsts("AADSTS7000215: Invalid client secret provided.")).isEqualTo("7000215");
        assertThat(EntraTokenRequestException.aadsts("connection refused")).isNull();
    }
}
