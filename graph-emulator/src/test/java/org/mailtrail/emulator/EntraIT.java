package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrail.emulator.Fixtures.CLIENT_ID;
import static org.mailtrail.emulator.Fixtures.SECRET;
import static org.mailtrail.emulator.Fixtures.SHARED_MAILBOX;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.AuthorizationCodeCredential;
import com.azure.identity.AuthorizationCodeCredentialBuilder;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

class EntraIT {

    private static final String OTHER_APP = "0a1b2c3d-0000-4000-8000-00000000beef";
    private static final String OTHER_SECRET = "other-secret";

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard()
            .mailbox("ceo@contoso.com")
            .app(OTHER_APP, OTHER_SECRET, "ceo@contoso.com"));

    private GraphEmulator emulator() {
        return graph.emulator();
    }

    @Test
    void issuesATokenOverHttpsToClientSecretCredentialWithInstanceDiscoveryDisabled() {
        AccessToken token = Clients.credential(emulator(), TENANT, CLIENT_ID, SECRET)
                .getTokenSync(new TokenRequestContext().addScopes(Clients.GRAPH_SCOPE));

        assertThat(token.getToken()).contains(".");
        assertThat(token.getExpiresAt()).isBetween(OffsetDateTime.now().plusMinutes(55), OffsetDateTime.now().plusMinutes(61));
        assertThat(emulator().counters().requests("entra.token", 200)).isPositive();
    }

    @Test
    void acceptsTheTenantsDomainNameInTheAuthority() {
        AccessToken token = Clients.credential(emulator(), "contoso.onmicrosoft.com", CLIENT_ID, SECRET)
                .getTokenSync(new TokenRequestContext().addScopes(Clients.GRAPH_SCOPE));

        assertThat(token.getToken()).isNotBlank();
    }

    @Test
    void answersInvalidClientWithEntrasErrorBodyForAWrongSecret() {
        var credential = Clients.credential(emulator(), TENANT, CLIENT_ID, "wrong-secret");

        assertThatThrownBy(() -> credential.getTokenSync(new TokenRequestContext().addScopes(Clients.GRAPH_SCOPE)))
                .rootCause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("AADSTS7000215: Invalid client secret provided.");
                });
    }

    @Test
    void answersAGraphCallWithoutATokenWith401() {
        GraphServiceClient anonymous = Clients.anonymousGraph(emulator());

        assertThatThrownBy(() -> anonymous.users().byUserId(SHARED_MAILBOX).mailFolders().byMailFolderId("inbox").get())
                .isInstanceOfSatisfying(ODataError.class, error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(401);
                    assertThat(error.getError().getCode()).isEqualTo("InvalidAuthenticationToken");
                    assertThat(error.getError().getMessage()).isEqualTo("Access token is empty.");
                });
    }

    @Test
    void answersAnExpiredTokenWith401() {
        String token = Clients.credential(emulator(), TENANT, CLIENT_ID, SECRET)
                .getTokenSync(new TokenRequestContext().addScopes(Clients.GRAPH_SCOPE)).getToken();
        GraphServiceClient withFixedToken = fixedTokenGraph(token);
        assertThat(withFixedToken.users().byUserId(SHARED_MAILBOX).mailFolders().byMailFolderId("inbox").get().getDisplayName())
                .isEqualTo("Inbox");

        emulator().expireAccessTokens();

        assertThatThrownBy(() -> withFixedToken.users().byUserId(SHARED_MAILBOX).mailFolders().byMailFolderId("inbox").get())
                .isInstanceOfSatisfying(ODataError.class, error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(401);
                    assertThat(error.getError().getMessage()).contains("expired");
                });
    }

    @Test
    void answersAForgedTokenWith401() {
        GraphServiceClient forged = fixedTokenGraph("eyJhbGciOiJIUzI1NiJ9.eyJhcHBpZCI6Im1lIn0.c2lnbmF0dXJl");

        assertThatThrownBy(() -> forged.users().byUserId(SHARED_MAILBOX).messages().get())
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(401));
    }

    @Test
    void answers403ErrorAccessDeniedToAnAppWithoutAccessToTheMailbox() {
        GraphServiceClient other = Clients.graph(emulator(), Clients.credential(emulator(), TENANT, OTHER_APP, OTHER_SECRET));

        assertThat(other.users().byUserId("ceo@contoso.com").mailFolders().byMailFolderId("inbox").get().getDisplayName())
                .isEqualTo("Inbox");
        assertThatThrownBy(() -> other.users().byUserId(SHARED_MAILBOX).mailFolders().byMailFolderId("inbox").get())
                .isInstanceOfSatisfying(ODataError.class, error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(403);
                    assertThat(error.getError().getCode()).isEqualTo("ErrorAccessDenied");
                });
    }

    @Test
    void redirectsFromAuthorizeWithACodeThatAzureIdentityRedeemsForDelegatedTokens() throws Exception {
        String redirect = "http://localhost:8081/consent/callback";
        URI authorize = URI.create(emulator().authorityHost() + "/" + TENANT + "/oauth2/v2.0/authorize?client_id=" + CLIENT_ID
                + "&response_type=code&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("offline_access openid profile Mail.ReadWrite.Shared", StandardCharsets.UTF_8)
                + "&state=abc123&login_hint=" + SHARED_MAILBOX);

        HttpResponse<Void> response = Clients.plainHttp(emulator())
                .send(HttpRequest.newBuilder(authorize).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(redirect + "?");
        Map<String, String> query = ApiRequest.parseQuery(location.getRawQuery());
        assertThat(query).containsEntry("state", "abc123").containsKey("code");

        AuthorizationCodeCredential delegated = new AuthorizationCodeCredentialBuilder()
                .authorityHost(emulator().authorityHost())
                .tenantId(TENANT)
                .clientId(CLIENT_ID)
                .clientSecret(SECRET)
                .authorizationCode(query.get("code"))
                .redirectUrl(redirect)
                .disableInstanceDiscovery()
                .httpClient(Clients.azureHttpClient(emulator()))
                .build();
        CompletableFuture<AccessToken> first = delegated.getToken(new TokenRequestContext()
                .addScopes("https://graph.microsoft.com/Mail.ReadWrite.Shared")).toFuture();
        assertThat(first.get().getToken()).isNotBlank();

        GraphServiceClient asUser = fixedTokenGraph(first.get().getToken());
        MailFolder inbox = asUser.me().mailFolders().byMailFolderId("inbox").get();
        assertThat(inbox.getDisplayName()).isEqualTo("Inbox");

        Subscription onAnotherMailbox = new Subscription();
        onAnotherMailbox.setChangeType("created");
        onAnotherMailbox.setNotificationUrl("https://127.0.0.1:9/unused");
        onAnotherMailbox.setResource("users/ceo@contoso.com/mailFolders('inbox')/messages");
        onAnotherMailbox.setExpirationDateTime(OffsetDateTime.now().plusHours(1));
        assertThatThrownBy(() -> asUser.subscriptions().post(onAnotherMailbox))
                .as("delegated permissions cannot subscribe to another user's (e.g. a shared) mailbox")
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
    }

    @Test
    void refusesACodeTwiceAndAWrongPkceVerifier() throws Exception {
        String redirect = "http://localhost:8081/cb";
        URI authorize = URI.create(emulator().authorityHost() + "/" + TENANT + "/oauth2/v2.0/authorize?client_id=" + CLIENT_ID
                + "&response_type=code&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&scope=openid&login_hint=" + SHARED_MAILBOX + "&code_challenge=abc&code_challenge_method=plain");
        var http = Clients.plainHttp(emulator());
        String location = http.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("Location").orElseThrow();
        String code = ApiRequest.parseQuery(URI.create(location).getRawQuery()).get("code");

        HttpResponse<String> wrongVerifier = redeem(http, code, redirect, "not-abc");
        HttpResponse<String> again = redeem(http, code, redirect, "abc");

        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).contains("\"error\":\"invalid_grant\"").contains("AADSTS501481");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("AADSTS54005").contains("\"error_codes\":[54005]").contains("trace_id").contains("correlation_id");
    }

    private HttpResponse<String> redeem(java.net.http.HttpClient http, String code, String redirect, String verifier) throws Exception {
        String form = "grant_type=authorization_code&client_id=" + CLIENT_ID + "&client_secret=" + SECRET + "&code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_verifier=" + verifier + "&client_info=1&claims=%7B%7D";
        return http.send(HttpRequest.newBuilder(URI.create(emulator().tokenEndpoint(TENANT)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private GraphServiceClient fixedTokenGraph(String token) {
        AccessTokenProvider provider = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> additionalContext) {
                return token;
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator("127.0.0.1");
            }
        };
        GraphServiceClient client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(provider),
                Clients.okHttp(emulator()));
        client.getRequestAdapter().setBaseUrl(emulator().graphBaseUrl());
        return client;
    }
}
