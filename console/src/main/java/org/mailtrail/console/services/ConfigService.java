package org.mailtrail.console.services;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** config-service: connections, their checks and consent, the audit trail. */
public class ConfigService {

    private static final ParameterizedTypeReference<List<Connection>> CONNECTIONS = new ParameterizedTypeReference<>() {
    };
    private static final String SETUP_CHECKS_FAILED = "urn:mailtrail:problem:setup-checks-failed";
    private static final int MAX_PROBLEM_BYTES = 256 * 1024;

    private final ServiceClients.ServiceClient client;

    ConfigService(ServiceClients.ServiceClient client) {
        this.client = client;
    }


    public List<Connection> connections() {
        return client.call(rest -> rest.get().uri("/api/connections").retrieve().body(CONNECTIONS));
    }

    public Connection connection(String id) {
        return client.call(rest -> rest.get().uri("/api/connections/{id}", id).retrieve().body(Connection.class));
    }

    /** The latest setup checks of the connection; empty when it was never checked. */
    public Optional<CheckReport> latestCheck(String id) {
        try {
            return Optional.ofNullable(client.call(rest -> rest.get().uri("/api/connections/{id}/check", id)
                    .retrieve().body(CheckReport.class)));
        } catch (ServiceProblem e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the connection switched off: it is switched on once its checks pass. */
    public Connection create(ConnectionForm form) {
        return client.call(rest -> rest.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
                .body(form.toRequest(true)).retrieve().body(Connection.class));
    }

    /**
     * Replaces the connection's settings, as long as it is still at the form's revision; without a secret in the
     * form the stored one is kept, and the switch stays as it is.
     */
    public Connection update(String id, ConnectionForm form) {
        return client.call(rest -> rest.put().uri("/api/connections/{id}", id)
                .header(HttpHeaders.IF_MATCH, ifMatch(form.revision())).contentType(MediaType.APPLICATION_JSON)
                .body(form.toRequest(false)).retrieve().body(Connection.class));
    }

    /** @param createArchiveFolder create a missing archive folder (or adopt one of that name) */
    public CheckReport check(String id, boolean createArchiveFolder) {
        return client.call(rest -> rest.post()
                .uri(uri -> uri.path("/api/connections/{id}/check")
                        .queryParam("createArchiveFolder", createArchiveFolder).build(id))
                .retrieve().body(CheckReport.class));
    }

    /** Switches the connection on; config-service runs the checks first and refuses with them when one fails. */
    public Connection enable(String id) {
        return client.call(rest -> rest.post().uri("/api/connections/{id}/enable", id).retrieve()
                .onStatus(status -> status.value() == 409, (request, response) -> {
                    throw conflict(response);
                })
                .body(Connection.class));
    }

    public Connection disable(String id) {
        return client.call(rest -> rest.post().uri("/api/connections/{id}/disable", id).retrieve()
                .body(Connection.class));
    }

    public TokenRenewal renewToken(String id) {
        return client.call(rest -> rest.post().uri("/api/connections/{id}/renew-token", id).retrieve()
                .body(TokenRenewal.class));
    }

    /**
     * Where to send the person's browser to consent for a DELEGATED connection (Microsoft's sign-in page); it comes
     * back through config-service's callback.
     *
     * @param changeAccount let another account than the one signed in at Microsoft be picked
     */
    public URI consentUrl(String id, boolean changeAccount) {
        URI location = client.call(rest -> rest.get()
                .uri(uri -> uri.path("/api/connections/{id}/consent").queryParam("changeAccount", changeAccount)
                        .build(id))
                .retrieve().toBodilessEntity().getHeaders().getLocation());
        if (location == null || !location.isAbsolute()) {
            throw new ServiceProblem(client.service(), 502, "No sign-in page",
                    "config-service did not say where to give consent for connection " + id + ".", List.of());
        }
        return location;
    }

    /** Deletes the connection, as long as it is still at the revision the person confirmed. */
    public void delete(String id, long revision) {
        client.call(rest -> rest.delete().uri("/api/connections/{id}", id)
                .header(HttpHeaders.IF_MATCH, ifMatch(revision)).retrieve().toBodilessEntity());
    }

    private static String ifMatch(Long revision) {
        return revision == null ? "*" : "\"" + revision + "\"";
    }

    /**
     * A refusal because checks failed, with every check's result from the problem's {@code checks}; any other
     * conflict (a concurrent change) as the plain problem it is.
     */
    private ServiceProblem conflict(ClientHttpResponse response) throws IOException {
        JsonNode body;
        try (InputStream in = response.getBody()) {
            byte[] bytes = in.readNBytes(MAX_PROBLEM_BYTES);
            body = bytes.length == 0 ? null : JsonMapper.shared().readTree(bytes);
        } catch (RuntimeException notJson) {
            body = null;
        }
        if (body == null || !SETUP_CHECKS_FAILED.equals(body.path("type").asString(""))) {
            return new ServiceProblem(client.service(), 409,
                    body == null ? "Conflict" : body.path("title").asString("Conflict"),
                    body == null ? null : body.path("detail").asString(null), List.of());
        }
        List<CheckResult> checks = new ArrayList<>();
        body.path("checks").forEach(check -> checks.add(new CheckResult(check.path("check").asString(""),
                check.path("status").asString(""), check.path("message").asString(null),
                check.path("remedy").asString(null))));
        return new EnableRefused(client.service(), body.path("title").asString("Setup checks failed"),
                body.path("detail").asString(null), checks);
    }
}
