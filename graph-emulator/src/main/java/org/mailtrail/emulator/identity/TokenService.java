package org.mailtrail.emulator.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mailtrail.emulator.http.Caller;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issues and checks tokens. Access tokens are JWTs signed with a key that lives only as long as this emulator,
 * so a token from an earlier run, or one made up by hand, is rejected like a forged one would be by Graph.
 */
public final class TokenService {

    /** The service principal id Graph has in every tenant; also what Graph's 401 names as client_id. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final Clock clock;
    private final byte[] key = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<String, UserGrant> refreshTokens = new ConcurrentHashMap<>();
    private volatile Duration accessTokenLifetime;
    private volatile long validAfterEpochSecond = Long.MIN_VALUE;

    /** A user's consent to an app, carried by an authorization code or a refresh token. */
    public record UserGrant(String tenantId, String clientId, String userId, String userPrincipalName,
                            List<String> scopes) {
    }

    /** An authorization code waiting to be redeemed. */
    public record CodeGrant(UserGrant grant, String redirectUri, String codeChallenge, String challengeMethod,
                            Instant expiresAt) {
    }

    /** An issued access token. */
    public record AccessToken(String token, long expiresInSeconds) {
    }

    public TokenService(Clock clock, Duration accessTokenLifetime) {
        this.clock = clock;
        this.accessTokenLifetime = accessTokenLifetime;
        random.nextBytes(key);
    }

    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    /** Makes every token issued so far count as expired, so clients must fetch new ones. */
    public void expireIssuedTokens() {
        validAfterEpochSecond = clock.instant().getEpochSecond() + 1;
    }

    public AccessToken appToken(AppRegistration app) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = baseClaims(app.tenantId(), now);
        claims.put("appid", app.clientId());
        claims.put("azp", app.clientId());
        claims.put("app_displayname", app.displayName());
        claims.put("idtyp", "app");
        claims.put("oid", UUID.nameUUIDFromBytes(("sp:" + app.clientId()).getBytes(StandardCharsets.UTF_8)).toString());
        if (app.access() == MailAccess.ENTRA) {
            claims.putArray("roles").add(app.permission());
        }
        return new AccessToken(sign(claims), accessTokenLifetime.toSeconds());
    }

    public AccessToken userToken(UserGrant grant) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = baseClaims(grant.tenantId(), now);
        claims.put("appid", grant.clientId());
        claims.put("azp", grant.clientId());
        claims.put("idtyp", "user");
        claims.put("oid", grant.userId());
        claims.put("upn", grant.userPrincipalName());
        claims.put("unique_name", grant.userPrincipalName());
        claims.put("scp", String.join(" ", grant.scopes()));
        return new AccessToken(sign(claims), accessTokenLifetime.toSeconds());
    }

    /** An OpenID Connect id token; clients read its claims and do not verify it. */
    public String idToken(UserGrant grant, String issuer) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = Json.object();
        claims.put("aud", grant.clientId());
        claims.put("iss", issuer);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 3600);
        claims.put("name", grant.userPrincipalName());
        claims.put("oid", grant.userId());
        claims.put("preferred_username", grant.userPrincipalName());
        claims.put("sub", grant.userId());
        claims.put("tid", grant.tenantId());
        claims.put("ver", "2.0");
        return sign(claims);
    }

    public String issueCode(UserGrant grant, String redirectUri, String codeChallenge, String challengeMethod) {
        String code = "0.emu" + randomToken(48);
        codes.put(code, new CodeGrant(grant, redirectUri, codeChallenge, challengeMethod,
                clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** Removes and returns the code's grant: a code is good for one redemption. */
    public CodeGrant redeemCode(String code) {
        return code == null ? null : codes.remove(code);
    }

    public boolean expired(CodeGrant code) {
        return clock.instant().isAfter(code.expiresAt());
    }

    public String issueRefreshToken(UserGrant grant) {
        String token = "1.emu" + randomToken(96);
        refreshTokens.put(token, grant);
        return token;
    }

    public UserGrant refreshGrant(String refreshToken) {
        return refreshToken == null ? null : refreshTokens.get(refreshToken);
    }

    public static boolean pkceMatches(String challenge, String method, String verifier) {
        if (verifier == null) {
            return false;
        }
        if (method == null || "plain".equalsIgnoreCase(method)) {
            return challenge.equals(verifier);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(digest).equals(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks an {@code Authorization} header the way Graph does and answers with the caller, or throws the 401
     * Graph would send.
     */
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("Access token is empty.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Access token is empty.");
        }
        String token = authorization.substring(7).trim();
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw unauthorized("IDX14100: JWT is not well formed, there are no dots (.).");
        }
        if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), decodeOrEmpty(parts[2]))) {
            throw unauthorized("Access token validation failure. Invalid audience.");
        }
        JsonNode claims;
        try {
            claims = Json.parse(B64D.decode(parts[1]));
        } catch (IllegalArgumentException | JacksonException e) {
            throw unauthorized("IDX14100: JWT is not well formed.");
        }
        long now = clock.instant().getEpochSecond();
        long issuedAt = claims.path("iat").asLong();
        if (claims.path("exp").asLong() <= now || issuedAt < validAfterEpochSecond) {
            throw unauthorized("Lifetime validation failed, the token is expired.");
        }
        if (!claims.has("appid")) {
            throw unauthorized("Access token validation failure.");
        }
        boolean delegated = "user".equals(Json.text(claims, "idtyp"));
        return new Caller(Json.text(claims, "tid"), Json.text(claims, "appid"),
                delegated ? Json.text(claims, "oid") : null, delegated ? Json.text(claims, "upn") : null);
    }

    private static GraphException unauthorized(String message) {
        return new GraphException(401, "InvalidAuthenticationToken", message)
                .header("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"" + GRAPH_APP_ID + "\"");
    }

    private ObjectNode baseClaims(String tenantId, long now) {
        ObjectNode claims = Json.object();
        claims.put("aud", "https://graph.microsoft.com");
        claims.put("iss", "https://sts.windows.net/" + tenantId + "/");
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + accessTokenLifetime.toSeconds());
        claims.put("tid", tenantId);
        claims.put("uti", randomToken(16));
        claims.put("ver", "1.0");
        return claims;
    }

    private String sign(ObjectNode claims) {
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(Json.bytes(claims));
        return header + "." + payload + "." + B64.encodeToString(hmac(header + "." + payload));
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decodeOrEmpty(String text) {
        try {
            return B64D.decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return B64.encodeToString(value);
    }
}
