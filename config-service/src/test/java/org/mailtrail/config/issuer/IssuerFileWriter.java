package org.mailtrail.config.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import tools.jackson.databind.json.JsonMapper;

/** Clients and users files as an operator writes them, built entry by entry. */
public final class IssuerFileWriter {

    private static final PasswordEncoder HASHES = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IssuerFileWriter() {
    }

    /** A service that gets tokens with its secret. */
    public static Map<String, Object> service(String clientId, String secret, List<String> scopes, String ttl) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("secretHash", HASHES.encode(secret));
        client.put("grantTypes", List.of("client_credentials"));
        client.put("scopes", scopes);
        client.put("accessTokenTtl", ttl);
        return client;
    }

    /** An application people sign in to, without a secret (a command line, a browser app). */
    public static Map<String, Object> publicApplication(String clientId, String redirectUri, String ttl) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("grantTypes", List.of("authorization_code", "refresh_token"));
        client.put("scopes", List.of("openid", "profile", "email"));
        client.put("redirectUris", List.of(redirectUri));
        client.put("accessTokenTtl", ttl);
        return client;
    }

    public static Map<String, Object> user(String username, String password, List<String> roles, String email,
            String name) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("passwordHash", HASHES.encode(password));
        user.put("roles", roles);
        user.put("email", email);
        user.put("name", name);
        return user;
    }

    /** Writes the entries as a JSON array to a new temporary file. */
    public static Path write(String prefix, List<Map<String, Object>> entries) {
        try {
            Path file = Files.createTempFile(prefix, ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, JSON.writeValueAsString(entries));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same entry with one field changed (or removed, when the value is null). */
    public static Map<String, Object> with(Map<String, Object> entry, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(entry);
        if (value == null) {
            changed.remove(field);
        } else {
            changed.put(field, value);
        }
        return changed;
    }
}
