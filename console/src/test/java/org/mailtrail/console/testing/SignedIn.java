package org.mailtrail.console.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A person signed in to the console as after the issuer's sign-in: the session holds the OIDC login, the console's
 * authorized-client store the person's access token, which the console relays to the services.
 */
public final class SignedIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public final MockHttpSession session = new MockHttpSession();
    public final String accessToken;

    private SignedIn(String accessToken) {
        this.accessToken = accessToken;
    }

    public static SignedIn as(String username, String fullName, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients) {
        Instant now = Instant.now();
        OidcIdToken idToken = new OidcIdToken("id-token-" + username, now, now.plusSeconds(3600),
                Map.of("sub", username, "name", fullName));
        var authorities = List.of(new SimpleGrantedAuthority("OIDC_USER"));
        DefaultOidcUser person = new DefaultOidcUser(authorities, idToken, "sub");
        OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(person, authorities, "mailtrail");
        SignedIn signedIn = new SignedIn("access-token-of-" + username);
        signedIn.session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(authentication));
        ClientRegistration registration = registrations.findByRegistrationId("mailtrail");
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, signedIn.accessToken, now,
                now.plusSeconds(3600));
        clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, username, token), authentication);
        return signedIn;
    }

    /** The CSRF token of a form the page rendered, as the browser sends it back. */
    public static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a form with a CSRF token").isTrue();
        return matcher.group(1);
    }
}
