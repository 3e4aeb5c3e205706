package org.mailtrail.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mailtrail.events.ContractJson;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connection a {@code ./mailtrail run --tenant FILE} creates: config-service's connection request as JSON
 * (see {@code local-run/tenant.example.json}). Read before anything starts, so a file the run cannot use stops it
 * at once with the reason; config-service validates every field again when the connection is created. What the
 * run will and will not do with it is {@link #plan()}.
 */
public final class TenantFile {

    /** config-service's defaults for the fields a tenant file may leave out, as the plan names them. */
    static final String DEFAULT_SOURCE_FOLDER = "inbox";
    static final String DEFAULT_ARCHIVE_FOLDER = "archive";
    static final String DEFAULT_POLL_INTERVAL = "PT5M";
    static final String DEFAULT_HOLD_FOLDER = "Not logged";
    static final String DEFAULT_HOLD_RETENTION = "P30D";

    private final Path file;
    private final JsonNode connection;

    private TenantFile(Path file, JsonNode connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong with it: unreadable, not a JSON object, a
     *         required field missing, a DELEGATED connection, a notification URL Graph cannot reach
     */
    public static TenantFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("tenant file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("tenant file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode connection;
        try {
            connection = ContractJson.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("tenant file " + file + " is not JSON: " + e.getOriginalMessage());
        }
        if (connection == null || !connection.isObject()) {
            throw new IllegalArgumentException("tenant file " + file
                    + " must hold one JSON object, the connection as config-service takes it (see local-run/tenant.example.json)");
        }
        TenantFile tenant = new TenantFile(file, connection);
        tenant.check();
        return tenant;
    }

    /**
     * The connection as config-service takes it, created disabled: the run enables it after its setup checks
     * passed, unless {@link #enables()} says not to.
     */
    public JsonNode connection() {
        ObjectNode created = ((ObjectNode) connection).deepCopy();
        created.remove("enabled");
        return created;
    }

    /** Whether the run enables the connection: unless the file says {@code "enabled": false}. */
    public boolean enables() {
        JsonNode enabled = connection.get("enabled");
        return enabled == null || enabled.isNull() || enabled.asBoolean();
    }

    public String id() {
        return text("id");
    }

    /** What the run will do with this connection, and what it will not: the lines it prints before it starts. */
    public List<String> plan() {
        String source = orDefault("sourceFolder", DEFAULT_SOURCE_FOLDER);
        String poll = orDefault("pollInterval", DEFAULT_POLL_INTERVAL);
        JsonNode hold = connection.path("hold");
        boolean holding = !hold.has("enabled") || hold.get("enabled").asBoolean();
        String holdFolder = hold.hasNonNull("folder") ? hold.get("folder").asString() : DEFAULT_HOLD_FOLDER;
        String retention = hold.hasNonNull("retention") ? hold.get("retention").asString() : DEFAULT_HOLD_RETENTION;
        boolean leave = "LEAVE".equals(text("unmatchedPolicy"));
        String deleteMode = orDefault("deleteMode", "MOVE_TO_DELETED_ITEMS");

        List<String> plan = new ArrayList<>();
        plan.add("real tenant " + text("tenantId") + ", mailbox " + text("mailbox") + ", connection " + id() + " (from "
                + file + ")");
        plan.add("will: start Kafka, a MongoDB-protocol server, the four services and the console on this machine;"
                + " Graph and Entra ID are Microsoft's, no emulator");
        if (!enables()) {
            plan.add("will: create the connection and run its setup checks against the mailbox");
            plan.add("won't: enable it (\"enabled\": false): nothing is read from the mailbox or moved in it until you"
                    + " load the directory and enable the connection; then:");
        } else {
            plan.add("will: create the connection, run its setup checks against the mailbox, and enable it only if they"
                    + " pass");
        }
        if (text("notificationUrl") == null) {
            plan.add("will: read every mail already in '" + source + "', then look for new mail every " + poll
                    + " (delta polling: no notificationUrl, Graph cannot reach a webhook on 127.0.0.1)");
        } else {
            plan.add("will: read every mail already in '" + source + "', then take Graph's notifications at "
                    + text("notificationUrl") + ", with a safety-net poll every " + poll);
        }
        plan.add("won't: create demo data: no emulator tenant, no demo salespeople or contacts, no demo mail");
        plan.add("won't: delete any mail while the directory has no salespeople or no contacts: what is not logged is "
                + (holding ? "moved to '" + holdFolder + "' (held)" : "left in '" + source + "'"));
        plan.add("then, once salespeople and contacts are loaded: logged mail is moved to '"
                + orDefault("archiveFolder", DEFAULT_ARCHIVE_FOLDER) + "'"
                + (holding ? "; mail from or to someone the directory does not know yet is held in '" + holdFolder
                        + "' for " + retention : "")
                + "; other mail that is not logged is "
                + (leave ? "left in '" + source + "' (unmatchedPolicy LEAVE)"
                        : "deleted (unmatchedPolicy DELETE, " + deleteMode + ")"));
        return plan;
    }

    private void check() {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("id", "tenantId", "clientId", "authMode", "mailbox")) {
            if (text(field) == null || text(field).isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("tenant file " + file + " lacks " + String.join(", ", missing)
                    + " (see local-run/tenant.example.json)");
        }
        if ("DELEGATED".equals(text("authMode"))) {
            throw new IllegalArgumentException("tenant file " + file + ": a DELEGATED connection needs a person's"
                    + " consent in a browser before it can be enabled; start with ./mailtrail run --no-demo and create"
                    + " it in the console, or use an APPLICATION connection here");
        }
        String notificationUrl = text("notificationUrl");
        if (notificationUrl != null && !reachableFromGraph(notificationUrl)) {
            throw new IllegalArgumentException("tenant file " + file + ": Graph cannot deliver notifications to "
                    + notificationUrl + "; leave notificationUrl out to rely on delta polling, or give a public https"
                    + " URL that forwards to the ingestor's http://127.0.0.1:8082/graph/notifications");
        }
    }

    /** An https URL of a host that is not this machine: the only kind Graph validates and delivers to. */
    static boolean reachableFromGraph(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean local = host.isEmpty() || host.equals("localhost") || host.endsWith(".localhost")
                    || host.startsWith("127.") || host.equals("[::1]") || host.equals("0.0.0.0");
            return "https".equalsIgnoreCase(uri.getScheme()) && !local;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String text(String field) {
        JsonNode value = connection.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private String orDefault(String field, String fallback) {
        String value = text(field);
        return value == null || value.isBlank() ? fallback : value;
    }
}
