package org.mailtrail.config.connection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.config.connection.domain.ConnectionDraft;
import org.mailtrail.config.connection.domain.SecretInput;
import org.mailtrail.events.ContractJson;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.validation.beanvalidation.SpringConstraintValidatorFactory;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

/** An IMAP connection request: what it requires, what it refuses, and what it becomes. */
class ImapConnectionRequestTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .constraintValidatorFactory(new SpringConstraintValidatorFactory(new DefaultListableBeanFactory()))
            .buildValidatorFactory().getValidator();

    private static final String TENANT = "7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10";
    private static final String APP = "5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b";

    /** A valid IMAP request signing in by password, with {@code changes} applied; a null value leaves a field out. */
    private static ConnectionRequest imap(Map<String, Object> changes, Map<String, Object> serverChanges) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("host", "Mail.Contoso.com");
        server.put("username", "CONTOSO\\crm-log");
        server.putAll(serverChanges);
        server.values().removeIf(value -> value == null);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", "IMAP");
        fields.put("displayName", "Contoso sales (Exchange Server)");
        fields.put("mailbox", "crm-log@contoso.com");
        fields.put("imap", server);
        fields.put("password", "correct horse battery staple");
        fields.putAll(changes);
        fields.values().removeIf(value -> value == null);
        return ContractJson.mapper().convertValue(fields, ConnectionRequest.class);
    }

    private static Map<String, Object> xoauth2(Map<String, Object> changes) {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("tenantId", TENANT, "clientId", APP,
                "clientSecret", "app-secret"));
        fields.put("password", null);
        fields.putAll(changes);
        return fields;
    }

    /** A map that, unlike {@link Map#of}, takes null values: a field to leave out. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<String> refusals(ConnectionRequest request) {
        return VALIDATOR.validate(request).stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                .toList();
    }

    @Test
    void acceptsAnImapConnectionWithoutAnyOfGraphsSettings() {
        assertThat(refusals(imap(Map.of(), Map.of()))).isEmpty();
        assertThat(refusals(imap(xoauth2(Map.of()), Map.of("auth", "XOAUTH2")))).isEmpty();
    }

    @Test
    void takesTheDefaultsOfAnImapServerAndStoresTheHostInLowerCase() {
        ConnectionDraft draft = imap(Map.of(), Map.of()).toDraft();

        assertThat(draft.settings().kind()).isEqualTo(ConnectionKind.IMAP);
        assertThat(draft.settings().imap()).isEqualTo(new ImapSettings("mail.contoso.com", 993, ImapSecurity.TLS,
                "CONTOSO\\crm-log", ImapAuth.PASSWORD));
        assertThat(draft.settings().graphBaseUrl()).isNull();
        assertThat(draft.settings().tenantId()).isNull();
        assertThat(draft.settings().authMode()).isNull();
        assertThat(draft.password()).isInstanceOf(SecretInput.Plain.class);
        assertThat(imap(Map.of(), Map.of("security", "STARTTLS")).toDraft().settings().imap().port()).isEqualTo(143);
    }

    @Test
    void keepsTheStoredPasswordWhenAReplaceBringsNone() {
        Map<String, Object> withoutPassword = new LinkedHashMap<>();
        withoutPassword.put("password", null);

        assertThat(imap(withoutPassword, Map.of()).toDraft().password()).isEqualTo(SecretInput.KEEP);
    }

    static Stream<Arguments> refused() {
        Map<String, Object> noServer = new LinkedHashMap<>();
        noServer.put("imap", null);
        return Stream.of(
                Arguments.of(noServer, Map.of(), "imap: is required for kind IMAP"),
                Arguments.of(Map.of(), Map.of("host", ""), "imap.host: is required"),
                Arguments.of(Map.of(), Map.of("host", "mail server.contoso.com"), "imap.host: must be a host name"),
                Arguments.of(Map.of(), Map.of("host", "a".repeat(254)), "imap.host: must be at most 253 characters"),
                Arguments.of(Map.of(), Map.of("port", 0), "imap.port: must be a TCP port"),
                Arguments.of(Map.of(), Map.of("port", 65536), "imap.port: must be a TCP port"),
                Arguments.of(Map.of(), Map.of("username", " "), "imap.username: is required"),
                Arguments.of(Map.of(), Map.of("username", "u".repeat(257)), "imap.username: must be at most 256 characters"),
                Arguments.of(Map.of("password", "p".repeat(1025)), Map.of(), "password: must be at most 1024 characters"),
                Arguments.of(Map.of("password", " "), Map.of(), "password: must not be blank"),
                Arguments.of(Map.of("passwordRef", "env:GRAPH_IMAP"), Map.of(), "passwordRef: give either password or passwordRef, not both"),
                Arguments.of(Map.of("sourceFolder", "f".repeat(256)), Map.of(), "sourceFolder: size must be between 1 and 255"),
                Arguments.of(Map.of("notificationUrl", "https://mailtrail.contoso.com/graph/notifications"), Map.of(),
                        "notificationUrl: is for Graph connections only"),
                Arguments.of(Map.of("graphBaseUrl", "https://graph.microsoft.com/v1.0"), Map.of(),
                        "graphBaseUrl: is for Graph connections only"),
                Arguments.of(Map.of("redirectUrl", "https://mailtrail.contoso.com/oauth/callback"), Map.of(),
                        "redirectUrl: is for Graph connections only"),
                Arguments.of(Map.of("authMode", "DELEGATED"), Map.of(), "authMode: DELEGATED is for Graph connections only"),
                Arguments.of(Map.of("clientSecret", "app-secret"), Map.of(), "clientSecret: is for imap.auth XOAUTH2 only"),
                Arguments.of(xoauth2(map("tenantId", null)), Map.of("auth", "XOAUTH2"), "tenantId: is required for XOAUTH2"),
                Arguments.of(xoauth2(map("clientId", null)), Map.of("auth", "XOAUTH2"), "clientId: is required for XOAUTH2"),
                Arguments.of(xoauth2(Map.of("password", "pw")), Map.of("auth", "XOAUTH2"), "password: is for imap.auth PASSWORD only"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refused")
    void refusesNamingTheFieldAndWhy(Map<String, Object> changes, Map<String, Object> serverChanges, String refusal) {
        assertThat(refusals(imap(changes, serverChanges))).anySatisfy(r -> assertThat(r).startsWith(refusal));
    }

    @Test
    void refusesImapSettingsOnAGraphConnection() {
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("kind", null);
        graph.put("tenantId", TENANT);
        graph.put("clientId", APP);
        graph.put("authMode", "APPLICATION");

        assertThat(refusals(imap(graph, Map.of()))).containsExactly(
                "imap: is for IMAP connections only (kind IMAP)", "password: is for IMAP connections only (kind IMAP)");
    }

    @Test
    void stillRequiresTenantAppAndModeOfAGraphConnection() {
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("kind", "GRAPH");
        graph.put("imap", null);
        graph.put("password", null);

        assertThat(refusals(imap(graph, Map.of()))).containsExactly(
                "authMode: is required: APPLICATION or DELEGATED",
                "clientId: is required: the application (client) id of the app registration",
                "tenantId: is required: the directory (tenant) id or a verified domain of the tenant");
    }
}
