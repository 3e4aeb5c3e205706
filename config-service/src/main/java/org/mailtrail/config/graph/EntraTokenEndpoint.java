package org.mailtrail.config.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.mailtrail.config.secret.domain.SecretValue;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 2.0 authorization-code grant against Entra's v2.0 endpoints: the authorize URL a user is sent to, the
 * code redemption, and refresh. MSAL keeps refresh tokens inside its cache and never hands them out, but the
 * service must store the rotating refresh token encrypted per connection; hence plain token requests here.
 * Nothing is sent to an authority that {@link GraphHosts} does not allow.
 */
public class EntraTokenEndpoint {

    /**
     * What the token endpoint answered. {@code refreshToken} is present when Entra rotated it.
     */
    public record TokenResponse(String accessToken, long expiresIn, String refreshToken, String idToken) {

        @Override
        public String toString() {
            return "TokenResponse[expiresIn=" + expiresIn + ", refreshToken=" + (refreshToken == null ? "no" : "yes")
                    + "]";
        }
    }

    /**
     * The app that asks, at its authority.
     *
     * @param clientSecret null for a public client, which redeems with PKCE alone
     */
    public record Client(URI authorityHost, String tenantId, String clientId, SecretValue clientSecret) {
    }

    /** One authorization request: where the user consents, and what comes back to {@code redirectUri}. */
    public record Authorization(URI authorityHost, String tenantId, String clientId, URI redirectUri,
            List<String> scopes, String state, String codeChallenge, boolean selectAccount) {
    }

    private final GraphHttp http;
    private final GraphHosts hosts;
    private final JsonMapper json;

    public EntraTokenEndpoint(GraphHttp http, GraphHosts hosts, JsonMapper json) {
        this.http = http;
        this.hosts = hosts;
        this.json = json;
    }

    public URI authorizeUrl(Authorization request) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", request.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", request.redirectUri().toString());
        query.put("response_mode", "query");
        query.put("scope", String.join(" ", request.scopes()));
        query.put("state", request.state());
        query.put("code_challenge", request.codeChallenge());
        query.put("code_challenge_method", "S256");
        if (request.selectAccount()) {
            query.put("prompt", "select_account");
        }
        return URI.create(endpoint(request.authorityHost(), request.tenantId(), "authorize") + "?" + form(query));
    }

    public TokenResponse redeemCode(Client client, String code, URI redirectUri, String codeVerifier,
            List<String> scopes) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("client_id", client.clientId());
        body.put("code", code);
        body.put("redirect_uri", redirectUri.toString());
        body.put("code_verifier", codeVerifier);
        body.put("scope", String.join(" ", scopes));
        return post(client, body);
    }

    public TokenResponse refresh(Client client, SecretValue refreshToken, List<String> scopes) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("client_id", client.clientId());
        body.put("refresh_token", refreshToken.reveal());
        body.put("scope", String.join(" ", scopes));
        return post(client, body);
    }

    private TokenResponse post(Client client, Map<String, String> body) {
        if (client.clientSecret() != null) {
            body.put("client_secret", client.clientSecret().reveal());
        }
        return post(endpoint(client.authorityHost(), client.tenantId(), "token"), body);
    }

    private TokenResponse post(URI endpoint, Map<String, String> body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(http.properties().requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.jdkHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EntraTokenRequestException("unreachable",
                    endpoint.getHost() + " did not answer (" + e.getClass().getSimpleName() + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EntraTokenRequestException("interrupted", "the token request was interrupted", true);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200 || answer == null || !answer.hasNonNull("access_token")) {
            String error = answer == null ? "http_" + response.statusCode() : answer.path("error").asString("http_" + response.statusCode());
            String description = answer == null ? "" : answer.path("error_description").asString("");
            throw new EntraTokenRequestException(error, firstLine(description), false);
        }
        return new TokenResponse(answer.get("access_token").asString(), answer.path("expires_in").asLong(0),
                answer.hasNonNull("refresh_token") ? answer.get("refresh_token").asString() : null,
                answer.hasNonNull("id_token") ? answer.get("id_token").asString() : null);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private URI endpoint(URI authorityHost, String tenantId, String name) {
        hosts.authorityRefusal(authorityHost).ifPresent(reason -> {
            throw new EntraTokenRequestException("host_not_allowed", "authorityHost " + reason, false);
        });
        String base = authorityHost.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/oauth2/v2.0/" + name);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
