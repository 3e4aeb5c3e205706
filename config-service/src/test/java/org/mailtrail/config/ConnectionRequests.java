package org.mailtrail.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies for the connections API, valid by default, to be bent one field at a time. */
final class ConnectionRequests {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ConnectionRequests() {
    }

    /** A healthy APPLICATION connection to the emulator's shared mailbox, with its id made unique per call. */
    static ConnectionRequests application(int emulatorPort) {
        ConnectionRequests request = new ConnectionRequests();
        request.fields.put("id", "conn-" + UUID.randomUUID().toString().substring(0, 8));
        request.fields.put("displayName", "Contoso sales mailbox");
        request.fields.put("tenantId", Graph.TENANT);
        request.fields.put("clientId", Graph.APP);
        request.fields.put("clientSecret", Graph.APP_SECRET);
        request.fields.put("authMode", "APPLICATION");
        request.fields.put("mailbox", Graph.MAILBOX);
        request.fields.put("internalDomains", List.of("contoso.com", "contoso.de"));
        request.fields.put("graphBaseUrl", "https://127.0.0.1:" + emulatorPort + "/v1.0");
        request.fields.put("authorityHost", "https://127.0.0.1:" + emulatorPort);
        request.fields.put("pollInterval", "PT2M");
        return request;
    }

    /** A DELEGATED connection whose redirect URL is this service's callback. */
    static ConnectionRequests delegated(int emulatorPort, int servicePort) {
        return application(emulatorPort).with("authMode", "DELEGATED").with("clientId", Graph.DELEGATED_APP)
                .with("clientSecret", Graph.DELEGATED_APP_SECRET)
                .with("redirectUrl", "http://127.0.0.1:" + servicePort + "/oauth/callback");
    }

    /**
     * A healthy IMAP connection signing in by password to the test mail server's IMAPS port, archiving into its
     * folder Archive, with its id made unique per call.
     */
    static ConnectionRequests imap(int port) {
        ConnectionRequests request = new ConnectionRequests();
        request.fields.put("id", "imap-" + UUID.randomUUID().toString().substring(0, 8));
        request.fields.put("kind", "IMAP");
        request.fields.put("displayName", "Contoso sales mailbox (Exchange Server)");
        request.fields.put("mailbox", Graph.MAILBOX);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("host", "127.0.0.1");
        server.put("port", port);
        server.put("security", "TLS");
        server.put("username", MailServer.USER);
        server.put("auth", "PASSWORD");
        request.fields.put("imap", server);
        request.fields.put("password", MailServer.PASSWORD);
        request.fields.put("archiveFolder", "Archive");
        request.fields.put("pollInterval", "PT2M");
        return request;
    }

    /** Changes one setting of {@code imap}. */
    @SuppressWarnings("unchecked")
    ConnectionRequests withImap(String field, Object value) {
        Map<String, Object> server = new LinkedHashMap<>((Map<String, Object>) fields.get("imap"));
        server.put(field, value);
        fields.put("imap", server);
        return this;
    }

    ConnectionRequests with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    ConnectionRequests without(String field) {
        fields.remove(field);
        return this;
    }

    String id() {
        return (String) fields.get("id");
    }

    Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }
}
