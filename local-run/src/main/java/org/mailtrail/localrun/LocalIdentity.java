package org.mailtrail.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mailtrail.events.ContractJson;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import tools.jackson.databind.JsonNode;

/**
 * The people and service clients of a development run, for config-service's embedded issuer: an admin, a sales
 * manager and two salespeople of the demo directory, the services that call each other, the launcher itself (for
 * metrics), and the command-line client people get tokens with. Secrets and passwords are made once, kept in the
 * data directory readable by its owner only, and handed to the issuer as BCrypt hashes; a person's token is got
 * the way a browser gets it: authorization code with PKCE after signing in.
 */
public final class LocalIdentity {

    /** A person of the development run. */
    public record Person(String username, String name, String email, List<String> roles) {
    }

    /** A service client and the permissions (scopes) it may ask for. */
    public record ServiceClient(String clientId, List<String> scopes) {
    }

    public static final String CLI_CLIENT = "mailtrail-cli";
    public static final String CLI_REDIRECT = "http://127.0.0.1/callback";
    public static final String LAUNCHER_CLIENT = "mailtrail-local-run";
    /** The console: a confidential client people sign in to, with PKCE, whose tokens it relays to the services. */
    public static final String CONSOLE_CLIENT = "mailtrail-console";
    /** Where a development run's console is reached when nothing else is said (compose publishes it there). */
    public static final List<String> CONSOLE_URLS = List.of("http://127.0.0.1:8080", "http://localhost:8080");

    public static final List<Person> PEOPLE = List.of(
            new Person("admin", "Mailtrail Admin", "admin@contoso.com", List.of("mailtrail-admin", "directory-importer")),
            new Person("maria", "Maria Lopez", "maria.lopez@contoso.com", List.of("sales-manager")),
            new Person("anna", "Anna Berger", "anna.berger@contoso.com", List.of("salesperson")),
            new Person("luis", "Luis Ortega", "luis.ortega@contoso.com", List.of("salesperson")));

    public static final List<ServiceClient> SERVICES = List.of(
            new ServiceClient("mail-ingestor", List.of("connections.token")),
            new ServiceClient("interaction-matcher", List.of("messages.link", "messages.read")),
            new ServiceClient(LAUNCHER_CLIENT, List.of("metrics.read")),
            new ServiceClient("prometheus", List.of("metrics.read")));

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Properties secrets;
    private final List<String> consoleUrls;

    private LocalIdentity(Path directory, Properties secrets, List<String> consoleUrls) {
        this.directory = directory;
        this.secrets = secrets;
        this.consoleUrls = consoleUrls;
    }

    /**
     * {@code ./mailtrail identity DIR}: makes (or keeps) a development run's identities in a directory, for compose
     * or a cluster's development overlay, and says which file goes where.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ./mailtrail identity DIR");
            System.exit(2);
        }
        LocalIdentity identity = keptIn(Path.of(args[0]).toAbsolutePath(), CONSOLE_URLS);
        System.out.println("config-service's embedded issuer reads (MAILTRAIL_ISSUER_CLIENTS_FILE, MAILTRAIL_ISSUER_USERS_FILE):");
        System.out.println("  " + identity.clientsFile());
        System.out.println("  " + identity.usersFile());
        System.out.println("client secrets and passwords, readable by you only: " + identity.secretsFile());
    }

    /**
     * The identity kept in {@code directory}, made there on first use.
     *
     * @param consoleUrls where the console is reached, for its sign-in and sign-out redirects
     */
    public static LocalIdentity keptIn(Path directory, List<String> consoleUrls) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("secrets.properties");
            Properties secrets = new Properties();
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    secrets.load(in);
                }
            }
            boolean added = false;
            for (Person person : PEOPLE) {
                added |= secrets.putIfAbsent("password." + person.username(), random()) == null;
            }
            for (ServiceClient client : SERVICES) {
                added |= secrets.putIfAbsent("secret." + client.clientId(), random()) == null;
            }
            added |= secrets.putIfAbsent("secret." + CONSOLE_CLIENT, random()) == null;
            if (added) {
                ownerOnly(file);
                try (var out = Files.newOutputStream(file)) {
                    secrets.store(out, "passwords and client secrets of this development run");
                }
            }
            LocalIdentity identity = new LocalIdentity(directory, secrets, List.copyOf(consoleUrls));
            identity.writeIssuerFiles();
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development run's identities in " + directory, e);
        }
    }

    public Path clientsFile() {
        return directory.resolve("clients.json");
    }

    public Path usersFile() {
        return directory.resolve("users.json");
    }

    public Path secretsFile() {
        return directory.resolve("secrets.properties");
    }

    public String password(String username) {
        return require("password." + username);
    }

    public String clientSecret(String clientId) {
        return require("secret." + clientId);
    }

    /** A person's access token: signs in at the issuer and runs the authorization code flow with PKCE. */
    public String personToken(String issuer, String username) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = random();
        String authorize = issuer + "/oauth2/authorize?response_type=code&client_id=" + CLI_CLIENT + "&redirect_uri="
                + encode(CLI_REDIRECT) + "&scope=openid&state=" + random()
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        send(browser, get(authorize));
        HttpResponse<String> login = send(browser, get(issuer + "/login"));
        Matcher csrf = CSRF.matcher(login.body());
        if (!csrf.find()) {
            throw new IllegalStateException("the issuer's sign-in page has no CSRF token (HTTP " + login.statusCode() + ")");
        }
        HttpResponse<String> signedIn = send(browser, form(issuer + "/login", Map.of("username", username,
                "password", password(username), "_csrf", csrf.group(1))));
        String afterLogin = signedIn.headers().firstValue("Location").orElse("");
        if (afterLogin.contains("error")) {
            throw new IllegalStateException("the issuer refused " + username + "'s sign-in");
        }
        HttpResponse<String> authorized = send(browser, get(authorize));
        String callback = authorized.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("the issuer did not authorize " + username + " (HTTP "
                        + authorized.statusCode() + ")"));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        if (!callback.startsWith(CLI_REDIRECT) || !code.find()) {
            throw new IllegalStateException("the issuer answered the authorization without a code: " + callback);
        }
        return accessToken(send(browser, form(issuer + "/oauth2/token", Map.of("grant_type", "authorization_code",
                "client_id", CLI_CLIENT, "redirect_uri", CLI_REDIRECT, "code",
                URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "code_verifier", verifier))));
    }

    /** A service client's access token granted {@code scope}. */
    public String serviceToken(String issuer, String clientId, String scope) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret(clientId)))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + encode(scope)))
                .build();
        return accessToken(send(client, request));
    }

    private void writeIssuerFiles() throws IOException {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        List<Map<String, Object>> clients = new ArrayList<>();
        for (ServiceClient service : SERVICES) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("clientId", service.clientId());
            client.put("secretHash", "{bcrypt}" + bcrypt.encode(clientSecret(service.clientId())));
            client.put("grantTypes", List.of("client_credentials"));
            client.put("scopes", service.scopes());
            client.put("accessTokenTtl", "PT10M");
            clients.add(client);
        }
        Map<String, Object> cli = new LinkedHashMap<>();
        cli.put("clientId", CLI_CLIENT);
        cli.put("grantTypes", List.of("authorization_code", "refresh_token"));
        cli.put("scopes", List.of("openid", "profile", "email"));
        cli.put("redirectUris", List.of(CLI_REDIRECT));
        cli.put("accessTokenTtl", "PT30M");
        clients.add(cli);
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("clientId", CONSOLE_CLIENT);
        console.put("secretHash", "{bcrypt}" + bcrypt.encode(clientSecret(CONSOLE_CLIENT)));
        console.put("grantTypes", List.of("authorization_code", "refresh_token"));
        console.put("scopes", List.of("openid", "profile", "email"));
        console.put("redirectUris", consoleUrls.stream().map(url -> url + "/login/oauth2/code/mailtrail").toList());
        console.put("postLogoutRedirectUris", consoleUrls.stream().map(url -> url + "/signed-out").toList());
        console.put("accessTokenTtl", "PT30M");
        clients.add(console);
        List<Map<String, Object>> users = new ArrayList<>();
        for (Person person : PEOPLE) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", person.username());
            user.put("passwordHash", "{bcrypt}" + bcrypt.encode(password(person.username())));
            user.put("roles", person.roles());
            user.put("email", person.email());
            user.put("name", person.name());
            users.add(user);
        }
        // Hashes only: readable by the issuer's user too (compose runs config-service as another user).
        Files.writeString(clientsFile(), ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(clients));
        Files.writeString(usersFile(), ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(users));
    }

    private String require(String key) {
        String value = secrets.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + " in " + secretsFile());
        }
        return value;
    }

    private static String accessToken(HttpResponse<String> response) {
        JsonNode body = response.statusCode() == 200 ? ContractJson.mapper().readTree(response.body()) : null;
        if (body == null || !body.path("access_token").isString()) {
            throw new IllegalStateException("the issuer's token endpoint answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return body.path("access_token").asString();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static HttpRequest form(String url, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(encode(name)).append('=')
                .append(encode(value)));
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + " at the issuer failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Creates the file readable by its owner only, before anything is written to it. */
    private static void ownerOnly(Path file) throws IOException {
        if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }
}
