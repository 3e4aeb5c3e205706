package org.mailtrail.emulator.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /{tenant}/oauth2/v2.0/token}, {@code /{tenant}/oauth2/v2.0/authorize}, the OpenID discovery documents and
 * the signing keys they point to, with Entra's error answers for the mistakes a client really makes (wrong secret,
 * wrong tenant, reused code).
 */
public final class EntraEndpoints {

    private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");
    private static final String GRAPH_RESOURCE = "https://graph.microsoft.com/";
    /** MSAL adds these to every request, client credentials included; Entra ignores them there. */
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    private final Directory directory;
    private final TokenService tokens;
    private final Clock clock;
    private final BiFunction<String, String, Optional<String>> userIdOf;
    private final ChangeNotificationTokens signingKeys;

    /**
     * @param userIdOf    finds the object id of a user by tenant id and address; users without a mailbox get a
     *                    stable made-up id
     * @param signingKeys whose public key the key set endpoints publish, so receivers of change notifications can
     *                    check their validation tokens
     */
    public EntraEndpoints(Directory directory, TokenService tokens, Clock clock,
                          BiFunction<String, String, Optional<String>> userIdOf, ChangeNotificationTokens signingKeys) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
        this.userIdOf = userIdOf;
        this.signingKeys = signingKeys;
    }

    /** Answers a request under {@code /{tenant}/...}, or empty if the path is none of Entra's. */
    public Optional<ApiResponse> handle(ApiRequest request, List<String> segments) {
        if (segments.size() == 4 && segments.get(1).equals("oauth2") && segments.get(2).equals("v2.0")) {
            if (segments.get(3).equals("token") && request.method().equals("POST")) {
                return Optional.of(guard(request, () -> token(request, segments.get(0))));
            }
            if (segments.get(3).equals("authorize") && request.method().equals("GET")) {
                return Optional.of(guard(request, () -> authorize(request, segments.get(0))));
            }
        }
        if (segments.size() == 4 && segments.get(1).equals("v2.0") && segments.get(2).equals(".well-known")
                && segments.get(3).equals("openid-configuration") && request.method().equals("GET")) {
            return Optional.of(guard(request, () -> discovery(request, segments.get(0))));
        }
        if (segments.size() == 3 && segments.get(1).equals(".well-known")
                && segments.get(2).equals("openid-configuration") && request.method().equals("GET")) {
            return Optional.of(guard(request, () -> discoveryV1(request, segments.get(0))));
        }
        boolean keysV2 = segments.size() == 4 && segments.get(2).equals("v2.0") && segments.get(3).equals("keys");
        boolean keysV1 = segments.size() == 3 && segments.get(2).equals("keys");
        if ((keysV2 || keysV1) && segments.get(1).equals("discovery") && request.method().equals("GET")) {
            return Optional.of(guard(request, () -> {
                resolveTenant(segments.get(0));
                return ApiResponse.plainJson(200, signingKeys.jwks());
            }));
        }
        return Optional.empty();
    }

    private ApiResponse guard(ApiRequest request, java.util.function.Supplier<ApiResponse> action) {
        try {
            return action.get();
        } catch (EntraException e) {
            return e.toResponse(request.header("client-request-id"), clock.instant());
        }
    }

    private ApiResponse token(ApiRequest request, String tenantSegment) {
        Map<String, String> form = ApiRequest.parseQuery(new String(request.body(), StandardCharsets.UTF_8));
        Optional<Tenant> tenant = resolveTenant(tenantSegment);
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw EntraException.invalidRequest(900144, "The request body must contain the following parameter: 'grant_type'.");
        }
        String[] basic = basicCredentials(request.header("Authorization"));
        String clientId = form.getOrDefault("client_id", basic == null ? null : basic[0]);
        String secret = form.getOrDefault("client_secret", basic == null ? null : basic[1]);
        if (clientId == null || clientId.isBlank()) {
            throw EntraException.invalidRequest(900144, "The request body must contain the following parameter: 'client_id'.");
        }
        AppRegistration app = findApp(clientId, tenant, tenantSegment);
        if (tenant.isEmpty() && grantType.equals("client_credentials")) {
            throw EntraException.invalidRequest(50059, "No tenant-identifying information found in either the request or implied by any provided credentials.");
        }
        authenticateClient(app, secret, form);
        return switch (grantType) {
            case "client_credentials" -> clientCredentials(app, form);
            case "authorization_code" -> authorizationCode(request, app, form);
            case "refresh_token" -> refresh(request, app, form);
            default -> throw new EntraException(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grantType + "'.");
        };
    }

    private ApiResponse clientCredentials(AppRegistration app, Map<String, String> form) {
        String scope = form.get("scope");
        if (scope == null || scope.isBlank()) {
            throw EntraException.invalidRequest(900144, "The request body must contain the following parameter: 'scope'.");
        }
        List<String> resourceScopes = java.util.Arrays.stream(scope.trim().split("\\s+"))
                .filter(value -> !OIDC_SCOPES.contains(value.toLowerCase(Locale.ROOT)))
                .toList();
        if (resourceScopes.size() != 1 || !resourceScopes.get(0).endsWith("/.default")) {
            throw new EntraException(400, "invalid_scope", 1002012, "The provided value for scope " + scope
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }
        TokenService.AccessToken token = tokens.appToken(app);
        ObjectNode body = Json.object();
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresInSeconds());
        body.put("ext_expires_in", token.expiresInSeconds());
        body.put("access_token", token.token());
        return tokenResponse(body);
    }

    private ApiResponse authorizationCode(ApiRequest request, AppRegistration app, Map<String, String> form) {
        String code = form.get("code");
        if (code == null || code.isBlank()) {
            throw EntraException.invalidRequest(900144, "The request body must contain the following parameter: 'code'.");
        }
        TokenService.CodeGrant grant = tokens.redeemCode(code);
        if (grant == null) {
            throw EntraException.invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
        }
        if (tokens.expired(grant)) {
            throw EntraException.invalidGrant(70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        if (!grant.grant().clientId().equalsIgnoreCase(app.clientId())) {
            throw EntraException.invalidGrant(70000, "The request was denied because one or more scopes requested are unauthorized or expired. The user must first sign in and grant the client application access to the requested scope.");
        }
        String redirectUri = form.get("redirect_uri");
        if (grant.redirectUri() != null && !grant.redirectUri().equals(redirectUri)) {
            throw EntraException.invalidGrant(500117, "The reply uri specified in the request isn't expected.");
        }
        if (grant.codeChallenge() != null
                && !TokenService.pkceMatches(grant.codeChallenge(), grant.challengeMethod(), form.get("code_verifier"))) {
            throw EntraException.invalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
        return userTokens(request, grant.grant(), form);
    }

    private ApiResponse refresh(ApiRequest request, AppRegistration app, Map<String, String> form) {
        TokenService.UserGrant grant = tokens.refreshGrant(form.get("refresh_token"));
        if (grant == null) {
            throw EntraException.invalidGrant(9002313, "Invalid request. Request is malformed or invalid.");
        }
        if (!grant.clientId().equalsIgnoreCase(app.clientId())) {
            throw EntraException.invalidGrant(700005, "Provided Authorization Code is intended to use against other tenant, thus rejected.");
        }
        return userTokens(request, grant, form);
    }

    private ApiResponse userTokens(ApiRequest request, TokenService.UserGrant grant, Map<String, String> form) {
        TokenService.AccessToken token = tokens.userToken(grant);
        ObjectNode body = Json.object();
        body.put("token_type", "Bearer");
        body.put("scope", String.join(" ", grant.scopes()));
        body.put("expires_in", token.expiresInSeconds());
        body.put("ext_expires_in", token.expiresInSeconds());
        body.put("access_token", token.token());
        if (grant.scopes().contains("offline_access")) {
            body.put("refresh_token", tokens.issueRefreshToken(grant));
        }
        if (grant.scopes().contains("openid")) {
            body.put("id_token", tokens.idToken(grant, request.baseUrl() + "/" + grant.tenantId() + "/v2.0"));
        }
        if ("1".equals(form.get("client_info"))) {
            String clientInfo = "{\"uid\":\"" + grant.userId() + "\",\"utid\":\"" + grant.tenantId() + "\"}";
            body.put("client_info", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(clientInfo.getBytes(StandardCharsets.UTF_8)));
        }
        return tokenResponse(body);
    }

    /**
     * The consent stand-in: no sign-in page, the user is {@code login_hint} or else the first mailbox the app
     * may access, and the browser goes straight back to {@code redirect_uri} with a code and the state.
     */
    private ApiResponse authorize(ApiRequest request, String tenantSegment) {
        Map<String, String> query = request.query();
        Optional<Tenant> tenant = resolveTenant(tenantSegment);
        String clientId = query.get("client_id");
        if (clientId == null) {
            return errorPage(900144, "The request body must contain the following parameter: 'client_id'.");
        }
        Optional<AppRegistration> found = directory.app(clientId)
                .filter(app -> tenant.map(t -> t.id().equals(app.tenantId())).orElse(true));
        if (found.isEmpty()) {
            return errorPage(700016, "Application with identifier '" + clientId + "' was not found in the directory '" + tenantSegment + "'.");
        }
        AppRegistration app = found.get();
        String redirectUri = query.get("redirect_uri");
        if (redirectUri == null || (!app.redirectUris().isEmpty() && !app.redirectUris().contains(redirectUri))) {
            return errorPage(50011, "The redirect URI '" + redirectUri + "' specified in the request does not match the redirect URIs configured for the application '" + clientId + "'.");
        }
        String state = query.get("state");
        String mode = query.getOrDefault("response_mode", "query");
        if (!"code".equals(query.get("response_type"))) {
            return back(redirectUri, mode, params("error", "unsupported_response_type",
                    "error_description", "AADSTS700054: response_type '" + query.get("response_type") + "' is not enabled for the application.", "state", state));
        }
        String user = Optional.ofNullable(query.get("login_hint"))
                .or(() -> app.mailboxes().stream().filter(m -> !m.equals(AppRegistration.ALL_MAILBOXES)).sorted().findFirst())
                .orElse(null);
        if (user == null) {
            return back(redirectUri, mode, params("error", "login_required",
                    "error_description", "AADSTS50058: A silent sign-in request was sent but no user is signed in.", "state", state));
        }
        String userId = userIdOf.apply(app.tenantId(), user)
                .orElse(java.util.UUID.nameUUIDFromBytes(("user:" + user.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)).toString());
        List<String> scopes = scopes(query.getOrDefault("scope", "openid profile offline_access"));
        TokenService.UserGrant grant = new TokenService.UserGrant(app.tenantId(), app.clientId(), userId,
                user.toLowerCase(Locale.ROOT), scopes);
        String code = tokens.issueCode(grant, redirectUri, query.get("code_challenge"), query.get("code_challenge_method"));
        return back(redirectUri, mode, params("code", code, "state", state,
                "session_state", java.util.UUID.randomUUID().toString()));
    }

    private ApiResponse discovery(ApiRequest request, String tenantSegment) {
        String tenantId = resolveTenant(tenantSegment).map(Tenant::id).orElse(tenantSegment);
        String base = request.baseUrl() + "/" + tenantId;
        ObjectNode body = Json.object();
        body.put("token_endpoint", base + "/oauth2/v2.0/token");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        body.put("jwks_uri", base + "/discovery/v2.0/keys");
        body.putArray("response_modes_supported").add("query").add("fragment");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("HS256");
        body.putArray("response_types_supported").add("code");
        body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        body.put("issuer", base + "/v2.0");
        body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        body.put("tenant_region_scope", "EU");
        return ApiResponse.plainJson(200, body);
    }

    /**
     * The v1.0 discovery document, which Graph's page on notifications with resource data names for the signing
     * keys; only what a client looks for in it to check a validation token is filled in.
     */
    private ApiResponse discoveryV1(ApiRequest request, String tenantSegment) {
        String tenantId = resolveTenant(tenantSegment).map(Tenant::id).orElse("{tenantid}");
        ObjectNode body = Json.object();
        body.put("issuer", "https://sts.windows.net/" + tenantId + "/");
        body.put("jwks_uri", request.baseUrl() + "/" + tenantSegment + "/discovery/keys");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.put("tenant_region_scope", "EU");
        return ApiResponse.plainJson(200, body);
    }

    private Optional<Tenant> resolveTenant(String segment) {
        if (MULTI_TENANT.contains(segment.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Optional<Tenant> tenant = directory.tenant(segment);
        if (tenant.isEmpty()) {
            throw EntraException.invalidRequest(90002, "Tenant '" + segment + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.");
        }
        return tenant;
    }

    private AppRegistration findApp(String clientId, Optional<Tenant> tenant, String tenantSegment) {
        return directory.app(clientId)
                .filter(app -> tenant.map(t -> t.id().equals(app.tenantId())).orElse(true))
                .orElseThrow(() -> new EntraException(400, "unauthorized_client", 700016,
                        "Application with identifier '" + clientId + "' was not found in the directory '" + tenantSegment
                                + "'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."));
    }

    private static void authenticateClient(AppRegistration app, String secret, Map<String, String> form) {
        if (app.isPublicClient()) {
            return;
        }
        if (secret == null && form.get("client_assertion") == null) {
            throw EntraException.invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        if (secret == null || !java.security.MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                app.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            throw EntraException.invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + app.clientId() + "'.");
        }
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {ApiRequest.decode(decoded.substring(0, colon)), ApiRequest.decode(decoded.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> scopes(String scope) {
        List<String> scopes = new ArrayList<>();
        for (String value : scope.trim().split("\\s+")) {
            if (value.isEmpty()) {
                continue;
            }
            String name = value.regionMatches(true, 0, GRAPH_RESOURCE, 0, GRAPH_RESOURCE.length())
                    ? value.substring(GRAPH_RESOURCE.length()) : value;
            if (!scopes.contains(name)) {
                scopes.add(name);
            }
        }
        return scopes;
    }

    private static ApiResponse tokenResponse(ObjectNode body) {
        return ApiResponse.plainJson(200, body)
                .withHeader("Cache-Control", "no-store, no-cache")
                .withHeader("Pragma", "no-cache");
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                params.put(pairs[i], pairs[i + 1]);
            }
        }
        return params;
    }

    private static ApiResponse back(String redirectUri, String mode, Map<String, String> params) {
        StringBuilder encoded = new StringBuilder();
        params.forEach((name, value) -> encoded.append(encoded.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        if ("fragment".equals(mode)) {
            return ApiResponse.redirect(redirectUri + "#" + encoded);
        }
        return ApiResponse.redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?") + encoded);
    }

    private static ApiResponse errorPage(int aadsts, String message) {
        return ApiResponse.text(400, "text/plain; charset=utf-8", "Sorry, but we're having trouble signing you in.\n\nAADSTS"
                + aadsts + ": " + message + "\n");
    }
}
