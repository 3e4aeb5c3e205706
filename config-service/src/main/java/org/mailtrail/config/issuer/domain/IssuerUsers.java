package org.mailtrail.config.issuer.domain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The people who sign in, read from their file at start and held in memory. */
public final class IssuerUsers {

    public static final Set<String> ROLES = Set.of("salesperson", "sales-manager", "directory-importer",
            "mailtrail-admin");

    private final Map<String, IssuerUser> users;

    private IssuerUsers(Map<String, IssuerUser> users) {
        this.users = Map.copyOf(users);
    }

    public static IssuerUsers read(Path file) {
        List<IssuerUser> entries = IssuerFiles.read("users", file, IssuerUser[].class);
        List<String> problems = problems(entries);
        if (!problems.isEmpty()) {
            throw IssuerSetupException.invalidFile("users", file, String.join("; ", problems));
        }
        Map<String, IssuerUser> users = new LinkedHashMap<>();
        entries.forEach(user -> users.put(user.username(), user));
        return new IssuerUsers(users);
    }

    /** Every reason to refuse the entries, each naming its user; never a password hash. */
    static List<String> problems(List<IssuerUser> entries) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            IssuerUser user = entries.get(i);
            if (user == null || user.username() == null || user.username().isBlank()) {
                problems.add("user #" + (i + 1) + " has no username");
                continue;
            }
            String name = "user '" + user.username() + "'";
            if (seen.put(user.username(), true) != null) {
                problems.add(name + " is listed twice");
            }
            if (!IssuerFiles.isEncoderHash(user.passwordHash())) {
                problems.add(name + " has a passwordHash that is not a password encoder value like {bcrypt}$2a$...");
            }
            List<String> roles = user.roles() == null ? List.of() : user.roles();
            roles.stream().filter(role -> !ROLES.contains(role)).forEach(role -> problems.add(name + " has role '"
                    + role + "'; mailtrail's roles are salesperson, sales-manager, directory-importer, mailtrail-admin"));
        }
        return problems;
    }

    public Optional<IssuerUser> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /**
     * For the login form only. Not a bean: Spring Security would hand a {@code UserDetailsService} bean to every
     * filter chain, and the API's chain takes bearer tokens, never passwords.
     */
    public UserDetailsService userDetailsService() {
        return username -> {
            IssuerUser user = find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
            return User.withUsername(user.username()).password(user.passwordHash())
                    .authorities(roles(user).stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList())
                    .build();
        };
    }

    static List<String> roles(IssuerUser user) {
        return user.roles() == null ? List.of() : user.roles();
    }
}
