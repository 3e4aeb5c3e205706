package org.mailtrail.config.connection.web;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mailtrail.config.connection.domain.ConnectionDraft;
import org.mailtrail.config.connection.domain.ConnectionDraft.Kept;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.connection.domain.SecretInput;
import org.mailtrail.config.secret.domain.SecretReference;
import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A connection as a client sends it, for create ({@code POST}) and replace ({@code PUT}). Absent optional fields
 * take their defaults; on replace, an absent secret keeps the stored one, an absent {@code enabled} keeps the
 * state, and an absent {@code hold} or {@code copies} keeps what is stored (a client that predates them cannot
 * send them).
 *
 * <p>An IMAP connection ({@code kind} IMAP) gives its server and account in {@code imap} and its password in
 * {@code password} or {@code passwordRef}; of the Graph settings it uses {@code tenantId}, {@code clientId},
 * {@code clientSecret} and {@code authorityHost} only to sign in by XOAUTH2. Which fields a kind requires or refuses
 * is checked with the other cross-field rules ({@link ConsistentConnection}).
 */
@ConsistentConnection
@Schema(name = "ConnectionRequest")
public record ConnectionRequest(
        @Schema(description = "Wanted id on create (lowercase letters, digits, -); a UUID when absent. Must equal the path on PUT.",
                example = "contoso-sales")
        @Pattern(regexp = ID, message = "must be 1-64 lowercase letters, digits or -, starting with a letter or digit")
        String id,
        @NotBlank @Size(max = 200) @Schema(example = "Contoso sales mailbox") String displayName,
        @Schema(defaultValue = "GRAPH", description = "Where the mailbox is read from: Microsoft Graph (Exchange Online), or any IMAP server (Exchange Server on premises, Exchange Online's IMAP, others)")
        ConnectionKind kind,
        @Pattern(regexp = TENANT, message = "must be a directory (tenant) id (a GUID) or a domain such as contoso.onmicrosoft.com")
        @Schema(example = "7c1a8f0e-52c4-4d2a-9a61-3f5a1e2b9c10",
                description = "Directory (tenant) id or verified domain; required for GRAPH, and for IMAP with XOAUTH2") String tenantId,
        @Pattern(regexp = GUID, message = "must be the application (client) id of the app registration, a GUID")
        @Schema(example = "5b7e2c1d-9f3a-4e6b-8c2d-1a0f9e8d7c6b",
                description = "Application (client) id; required for GRAPH, and for IMAP with XOAUTH2") String clientId,
        @Schema(type = "string", format = "password", accessMode = Schema.AccessMode.WRITE_ONLY,
                description = "The app's client secret; stored encrypted, never returned. Absent on PUT keeps the stored secret.")
        WriteOnlySecret clientSecret,
        @SecretRef
        @Schema(description = "Instead of clientSecret: where the secret lives (env:NAME, file:/path, keyvault:https://<vault>.vault.azure.net/secrets/<name>)",
                example = "file:/var/run/secrets/graph/client-secret") String clientSecretRef,
        @Schema(description = "Required for GRAPH; an IMAP connection needs none and cannot be DELEGATED") AuthMode authMode,
        @NotBlank(message = "is required: the address of the shared mailbox")
        @Pattern(regexp = MAIL, message = "must be a mail address such as crm-log@contoso.com")
        @Schema(example = "crm-log@contoso.com") String mailbox,
        @Valid ImapServer imap,
        @Schema(type = "string", format = "password", accessMode = Schema.AccessMode.WRITE_ONLY,
                description = "IMAP with PASSWORD: the account's password; stored encrypted, never returned. Absent on PUT keeps the stored one, unless imap.host or imap.username changes.")
        WriteOnlySecret password,
        @SecretRef
        @Schema(description = "Instead of password: where it lives (env:NAME, file:/path, keyvault:https://<vault>.vault.azure.net/secrets/<name>)",
                example = "file:/var/run/secrets/graph/imap-password") String passwordRef,
        @Size(min = 1, max = 255) @Schema(defaultValue = "inbox", description = "Graph: a well-known name or folder id; IMAP: the folder's name, inbox meaning INBOX") String sourceFolder,
        @Size(min = 1, max = 255) @Schema(defaultValue = "archive") String archiveFolder,
        @Schema(defaultValue = "DELETE") UnmatchedPolicy unmatchedPolicy,
        @Schema(defaultValue = "MOVE_TO_DELETED_ITEMS",
                description = "How unlogged mail is deleted: moved to Deleted Items, where users still find it; soft-deleted into Recoverable Items; or deleted for good")
        DeleteMode deleteMode,
        @Valid
        @Schema(description = "Absent on create: enabled, into \"Not logged\", for P30D. Absent on PUT: kept as it is.")
        HoldSettings hold,
        @Schema(defaultValue = "LIKE_FIRST",
                description = "What becomes of a further copy of a mail already received (the same internetMessageId): disposed of like the first copy (archived beside it, held or deleted with it), or DELETE as deleteMode says. Never logged twice. Absent on PUT: kept as it is.")
        CopyPolicy copies,
        @Size(max = 100) List<@NotBlank @Pattern(regexp = DOMAIN, message = "must be a domain name such as contoso.com") String> internalDomains,
        @HttpUrl(httpsOnly = true) @Schema(defaultValue = "https://graph.microsoft.com/v1.0") String graphBaseUrl,
        @HttpUrl(httpsOnly = true, allowLoopbackHttp = false, message = "must be an https URL (Entra refuses plain http)")
        @Schema(defaultValue = "https://login.microsoftonline.com") String authorityHost,
        @HttpUrl(httpsOnly = true) @Schema(example = "https://mailtrail.contoso.com/graph/notifications") String notificationUrl,
        @IsoDuration(min = "PT30S", max = "PT24H") @Schema(defaultValue = "PT5M") String pollInterval,
        @HttpUrl @Schema(example = "https://mailtrail.contoso.com/oauth/callback") String redirectUrl,
        Boolean enabled,
        @Valid MatchingOptions matching) {

    static final String ID = "[a-z0-9][a-z0-9-]{0,63}";
    static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String DOMAIN = "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";
    static final String TENANT = GUID + "|" + DOMAIN;
    static final String MAIL = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@" + DOMAIN;

    ConnectionDraft toDraft() {
        String box = mailbox.trim().toLowerCase(Locale.ROOT);
        List<String> domains = internalDomains == null
                ? List.of(box.substring(box.indexOf('@') + 1))
                : internalDomains.stream().map(domain -> domain.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        boolean imapKind = kind == ConnectionKind.IMAP;
        ConnectionSettings settings = ConnectionSettings.builder()
                .kind(kind)
                .imap(imapKind ? imap.toSettings() : null)
                .displayName(displayName.trim())
                .tenantId(tenantId == null ? null : tenantId.trim())
                .clientId(clientId == null ? null : clientId.trim())
                .authMode(authMode)
                .mailbox(box)
                .sourceFolder(effectiveSourceFolder())
                .archiveFolder(effectiveArchiveFolder())
                .unmatchedPolicy(unmatchedPolicy == null ? UnmatchedPolicy.DELETE : unmatchedPolicy)
                .deleteMode(deleteMode == null ? DeleteMode.MOVE_TO_DELETED_ITEMS : deleteMode)
                .hold(hold == null ? HoldPolicy.DEFAULT : hold.toPolicy())
                .copies(copies == null ? CopyPolicy.LIKE_FIRST : copies)
                .internalDomains(domains)
                .graphBaseUrl(imapKind ? null : graphBaseUrl == null ? ConnectionSettings.DEFAULT_GRAPH_BASE_URL
                        : URI.create(stripSlash(graphBaseUrl)))
                .authorityHost(authorityHost == null ? ConnectionSettings.DEFAULT_AUTHORITY_HOST
                        : URI.create(stripSlash(authorityHost)))
                .notificationUrl(notificationUrl == null ? null : URI.create(notificationUrl))
                .pollInterval(pollInterval == null ? ConnectionSettings.DEFAULT_POLL_INTERVAL : Duration.parse(pollInterval))
                .redirectUrl(redirectUrl == null ? null : URI.create(redirectUrl))
                .matching(matching)
                .build();
        return new ConnectionDraft(id, settings, secretInput(), enabled, leftOut(), passwordInput());
    }

    private Set<Kept> leftOut() {
        Set<Kept> leftOut = EnumSet.noneOf(Kept.class);
        if (hold == null) {
            leftOut.add(Kept.HOLD);
        }
        if (copies == null) {
            leftOut.add(Kept.COPIES);
        }
        return leftOut;
    }

    /** The source folder as it will be stored: its default when absent. */
    String effectiveSourceFolder() {
        return orDefault(sourceFolder, ConnectionSettings.DEFAULT_SOURCE_FOLDER);
    }

    /** The archive folder as it will be stored: its default when absent. */
    String effectiveArchiveFolder() {
        return orDefault(archiveFolder, ConnectionSettings.DEFAULT_ARCHIVE_FOLDER);
    }

    private SecretInput secretInput() {
        if (clientSecret != null) {
            return new SecretInput.Plain(clientSecret.value());
        }
        if (clientSecretRef != null) {
            return new SecretInput.Reference(SecretReference.parse(clientSecretRef));
        }
        return SecretInput.KEEP;
    }

    private SecretInput passwordInput() {
        if (password != null) {
            return new SecretInput.Plain(password.value());
        }
        if (passwordRef != null) {
            return new SecretInput.Reference(SecretReference.parse(passwordRef));
        }
        return SecretInput.KEEP;
    }

    boolean imapKind() {
        return kind == ConnectionKind.IMAP;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
