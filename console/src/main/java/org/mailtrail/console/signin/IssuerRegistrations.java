package org.mailtrail.console.signin;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The console's one registration, read from the issuer's discovery document when it is first needed rather than at
 * start-up: the console starts (and says it is ready) while the issuer is not up yet, and a sign-in then fails with
 * a page that says so instead of the console restarting in a loop.
 */
final class IssuerRegistrations implements ClientRegistrationRepository {

    static final String REGISTRATION = "mailtrail";

    private final SignInProperties properties;
    private volatile ClientRegistration registration;

    IssuerRegistrations(SignInProperties properties) {
        properties.requireComplete();
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return REGISTRATION.equals(registrationId) ? registration() : null;
    }

    ClientRegistration registration() {
        ClientRegistration known = registration;
        if (known == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = discover();
                }
                known = registration;
            }
        }
        return known;
    }

    private ClientRegistration discover() {
        try {
            return ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                    .registrationId(REGISTRATION)
                    .clientId(properties.clientId())
                    .clientSecret(properties.clientSecret())
                    .scope(properties.scopes())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .build();
        } catch (RuntimeException e) {
            throw new IssuerUnavailableException(properties.issuerUri(), e);
        }
    }
}
