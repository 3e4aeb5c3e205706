package org.mailtrail.emulator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.http.Caller;
import org.mailtrail.emulator.http.GraphException;

class TokenServiceTest {

    private static final AppRegistration APP = new AppRegistration("tenant-1", "client-1", "secret", null,
            Set.of("box@contoso.com"), List.of());

    @Test
    void acceptsItsOwnAppTokenAndNamesTheCaller() {
        TokenService tokens = new TokenService(Clock.systemUTC(), Duration.ofHours(1));

        Caller caller = tokens.authenticate("Bearer " + tokens.appToken(APP).token());

        assertThat(caller).isEqualTo(new Caller("tenant-1", "client-1", null, null));
        assertThat(caller.delegated()).isFalse();
    }

    @Test
    void rejectsAMissingForgedOrForeignTokenWith401() {
        TokenService tokens = new TokenService(Clock.systemUTC(), Duration.ofHours(1));
        String foreign = new TokenService(Clock.systemUTC(), Duration.ofHours(1)).appToken(APP).token();

        for (String header : new String[] {null, "", "Basic abc", "Bearer nodots", "Bearer " + foreign}) {
            assertThatThrownBy(() -> tokens.authenticate(header))
                    .isInstanceOfSatisfying(GraphException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("InvalidAuthenticationToken");
                        assertThat(e.headers()).containsKey("WWW-Authenticate");
                    });
        }
    }

    @Test
    void rejectsATokenPastItsLifetimeOrIssuedBeforeTheTokensWereExpired() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String old = new TokenService(past, Duration.ofHours(1)).appToken(APP).token();
        TokenService tokens = new TokenService(Clock.systemUTC(), Duration.ofHours(1));
        String fresh = tokens.appToken(APP).token();

        assertThatThrownBy(() -> tokens.authenticate("Bearer " + old)).isInstanceOf(GraphException.class);
        tokens.expireIssuedTokens();
        assertThatThrownBy(() -> tokens.authenticate("Bearer " + fresh))
                .hasMessage("Lifetime validation failed, the token is expired.");
    }

    @Test
    void carriesTheUserInADelegatedToken() {
        TokenService tokens = new TokenService(Clock.systemUTC(), Duration.ofHours(1));
        TokenService.UserGrant grant = new TokenService.UserGrant("tenant-1", "client-1", "user-oid", "anna@contoso.com",
                List.of("Mail.Read"));

        Caller caller = tokens.authenticate("Bearer " + tokens.userToken(grant).token());

        assertThat(caller.delegated()).isTrue();
        assertThat(caller.userPrincipalName()).isEqualTo("anna@contoso.com");
    }

    @Test
    void verifiesPkceWithS256AndPlain() throws Exception {
        String verifier = "a-verifier-of-enough-length-0123456789-abcdefgh";
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        assertThat(TokenService.pkceMatches(challenge, "S256", verifier)).isTrue();
        assertThat(TokenService.pkceMatches(challenge, "S256", verifier + "x")).isFalse();
        assertThat(TokenService.pkceMatches("plain-value", null, "plain-value")).isTrue();
        assertThat(TokenService.pkceMatches("plain-value", "plain", null)).isFalse();
    }
}
