package org.mailtrail.config.issuer.domain;

import java.util.List;

/**
 * One entry of the users file: a person who signs in to the issuer's login page.
 *
 * @param passwordHash a DelegatingPasswordEncoder value ({@code {bcrypt}$2a$...})
 * @param roles mailtrail's roles only: {@link IssuerUsers#ROLES}
 */
public record IssuerUser(String username, String passwordHash, List<String> roles, String email, String name) {

    @Override
    public String toString() {
        return "IssuerUser[username=" + username + ", roles=" + roles + "]";
    }
}
