package org.mailtrail.console.signin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console as a client of mailtrail's issuer.
 *
 * @param issuerUri the OpenID Connect issuer people sign in at, the one the services trust
 * @param clientId the console's client at that issuer
 * @param clientSecret its secret (the console is a confidential client; PKCE is used as well)
 * @param scopes what the console asks for: OpenID Connect's, and with Entra ID the scope of mailtrail's API so the
 *        access token is issued for it
 */
@ConfigurationProperties("mailtrail.console.sign-in")
public record SignInProperties(String issuerUri, @DefaultValue("mailtrail-console") String clientId,
        String clientSecret, @DefaultValue({ "openid", "profile", "email" }) List<String> scopes) {

    void requireComplete() {
        if (issuerUri == null || issuerUri.isBlank()) {
            throw new IllegalStateException("mailtrail.console.sign-in.issuer-uri (MAILTRAIL_JWT_ISSUER_URI) is "
                    + "required: the OpenID Connect issuer people sign in at");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalStateException("mailtrail.console.sign-in.client-secret (MAILTRAIL_CONSOLE_CLIENT_SECRET) "
                    + "is required: the console's secret at the issuer");
        }
    }
}
