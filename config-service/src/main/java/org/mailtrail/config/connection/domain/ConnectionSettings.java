package org.mailtrail.config.connection.domain;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.mailtrail.events.config.AuthMode;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;

/**
 * Everything about a connection that is not secret. The field names are those of the API, the audit log and
 * {@code ConnectionConfigured}.
 *
 * @param notificationUrl where Graph posts change notifications (APPLICATION mode only); absent means polling
 * @param redirectUrl the OAuth redirect URL registered for the app (DELEGATED mode), i.e. this service's
 *        {@code /oauth/callback}
 * @param hold whether mail that is not logged yet may be held, where and how long; absent means not held, as
 *        before hold folders existed (a new connection is given {@link HoldPolicy#DEFAULT} by the API)
 * @param copies what becomes of a further copy of a mail already received; absent means {@link CopyPolicy#LIKE_FIRST}
 * @param kind where the mailbox is read from; absent means {@link ConnectionKind#GRAPH}
 * @param imap the server and account of an IMAP connection; absent for Graph. An IMAP connection needs
 *        {@code tenantId}, {@code clientId} (and {@code authorityHost}) only to sign in by XOAUTH2, and never
 *        {@code authMode}, {@code graphBaseUrl}, {@code notificationUrl} or {@code redirectUrl}
 */
public record ConnectionSettings(String displayName, String tenantId, String clientId, AuthMode authMode,
        String mailbox, String sourceFolder, String archiveFolder, UnmatchedPolicy unmatchedPolicy,
        DeleteMode deleteMode, HoldPolicy hold, CopyPolicy copies, List<String> internalDomains, URI graphBaseUrl,
        URI authorityHost, URI notificationUrl, Duration pollInterval, URI redirectUrl, MatchingOptions matching,
        ConnectionKind kind, ImapSettings imap) {

    public static final String DEFAULT_SOURCE_FOLDER = "inbox";
    public static final String DEFAULT_ARCHIVE_FOLDER = "archive";
    public static final URI DEFAULT_GRAPH_BASE_URL = URI.create("https://graph.microsoft.com/v1.0");
    public static final URI DEFAULT_AUTHORITY_HOST = URI.create("https://login.microsoftonline.com");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);

    public ConnectionSettings {
        kind = kind == null ? ConnectionKind.GRAPH : kind;
        if (kind == ConnectionKind.GRAPH) {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(authMode, "authMode");
            imap = null;
        } else {
            Objects.requireNonNull(imap, "imap");
            if (imap.auth() == ImapAuth.XOAUTH2) {
                Objects.requireNonNull(tenantId, "tenantId");
                Objects.requireNonNull(clientId, "clientId");
            }
        }
        Objects.requireNonNull(mailbox, "mailbox");
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
        matching = matching == null ? MatchingOptions.NONE : matching;
        hold = hold == null ? HoldPolicy.OFF : hold;
        copies = copies == null ? CopyPolicy.LIKE_FIRST : copies;
    }

    public boolean isImap() {
        return kind == ConnectionKind.IMAP;
    }

    /** True for an IMAP connection that signs in with the account's password. */
    public boolean signsInWithPassword() {
        return isImap() && imap.auth() == ImapAuth.PASSWORD;
    }

    public ConnectionSettings withArchiveFolder(String folder) {
        return toBuilder().archiveFolder(folder).build();
    }

    /** Names of the fields whose values differ from {@code other}'s, in API order. */
    public List<String> differences(ConnectionSettings other) {
        List<String> changed = new ArrayList<>();
        compare(changed, other, "kind", ConnectionSettings::kind);
        compare(changed, other, "displayName", ConnectionSettings::displayName);
        compare(changed, other, "tenantId", ConnectionSettings::tenantId);
        compare(changed, other, "clientId", ConnectionSettings::clientId);
        compare(changed, other, "authMode", ConnectionSettings::authMode);
        compare(changed, other, "mailbox", ConnectionSettings::mailbox);
        compare(changed, other, "imap", ConnectionSettings::imap);
        compare(changed, other, "sourceFolder", ConnectionSettings::sourceFolder);
        compare(changed, other, "archiveFolder", ConnectionSettings::archiveFolder);
        compare(changed, other, "unmatchedPolicy", ConnectionSettings::unmatchedPolicy);
        compare(changed, other, "deleteMode", ConnectionSettings::deleteMode);
        compare(changed, other, "hold", ConnectionSettings::hold);
        compare(changed, other, "copies", ConnectionSettings::copies);
        compare(changed, other, "internalDomains", ConnectionSettings::internalDomains);
        compare(changed, other, "graphBaseUrl", ConnectionSettings::graphBaseUrl);
        compare(changed, other, "authorityHost", ConnectionSettings::authorityHost);
        compare(changed, other, "notificationUrl", ConnectionSettings::notificationUrl);
        compare(changed, other, "pollInterval", ConnectionSettings::pollInterval);
        compare(changed, other, "redirectUrl", ConnectionSettings::redirectUrl);
        compare(changed, other, "matching", ConnectionSettings::matching);
        return changed;
    }

    /** Names of the fields that hold a value, for the audit entry of a new connection. */
    public List<String> presentFields() {
        ConnectionSettings empty = builder().kind(kind).tenantId(tenantId).clientId(clientId).authMode(authMode)
                .mailbox(mailbox).imap(imap).build();
        List<String> fields = new ArrayList<>();
        if (isImap()) {
            fields.add("kind");
        }
        if (tenantId != null) {
            fields.add("tenantId");
        }
        if (clientId != null) {
            fields.add("clientId");
        }
        if (authMode != null) {
            fields.add("authMode");
        }
        fields.add("mailbox");
        if (isImap()) {
            fields.add("imap");
        }
        differences(empty).stream().filter(field -> !fields.contains(field)).forEach(fields::add);
        return fields;
    }

    private void compare(List<String> changed, ConnectionSettings other, String name,
            Function<ConnectionSettings, Object> field) {
        if (!Objects.equals(field.apply(this), field.apply(other))) {
            changed.add(name);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().displayName(displayName).tenantId(tenantId).clientId(clientId).authMode(authMode)
                .mailbox(mailbox).sourceFolder(sourceFolder).archiveFolder(archiveFolder)
                .unmatchedPolicy(unmatchedPolicy).deleteMode(deleteMode).hold(hold).copies(copies)
                .internalDomains(internalDomains).graphBaseUrl(graphBaseUrl)
                .authorityHost(authorityHost).notificationUrl(notificationUrl).pollInterval(pollInterval)
                .redirectUrl(redirectUrl).matching(matching).kind(kind).imap(imap);
    }

    /** Settings by name, so a call site reads without counting commas; what is not set is absent. */
    public static final class Builder {

        private String displayName;
        private String tenantId;
        private String clientId;
        private AuthMode authMode;
        private String mailbox;
        private String sourceFolder;
        private String archiveFolder;
        private UnmatchedPolicy unmatchedPolicy;
        private DeleteMode deleteMode;
        private HoldPolicy hold;
        private CopyPolicy copies;
        private List<String> internalDomains;
        private URI graphBaseUrl;
        private URI authorityHost;
        private URI notificationUrl;
        private Duration pollInterval;
        private URI redirectUrl;
        private MatchingOptions matching;
        private ConnectionKind kind;
        private ImapSettings imap;

        private Builder() {
        }

        public Builder kind(ConnectionKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder imap(ImapSettings imap) {
            this.imap = imap;
            return this;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = authMode;
            return this;
        }

        public Builder mailbox(String mailbox) {
            this.mailbox = mailbox;
            return this;
        }

        public Builder sourceFolder(String sourceFolder) {
            this.sourceFolder = sourceFolder;
            return this;
        }

        public Builder archiveFolder(String archiveFolder) {
            this.archiveFolder = archiveFolder;
            return this;
        }

        public Builder deleteMode(DeleteMode deleteMode) {
            this.deleteMode = deleteMode;
            return this;
        }

        public Builder hold(HoldPolicy hold) {
            this.hold = hold;
            return this;
        }

        public Builder copies(CopyPolicy copies) {
            this.copies = copies;
            return this;
        }

        public Builder unmatchedPolicy(UnmatchedPolicy unmatchedPolicy) {
            this.unmatchedPolicy = unmatchedPolicy;
            return this;
        }

        public Builder internalDomains(List<String> internalDomains) {
            this.internalDomains = internalDomains;
            return this;
        }

        public Builder graphBaseUrl(URI graphBaseUrl) {
            this.graphBaseUrl = graphBaseUrl;
            return this;
        }

        public Builder authorityHost(URI authorityHost) {
            this.authorityHost = authorityHost;
            return this;
        }

        public Builder notificationUrl(URI notificationUrl) {
            this.notificationUrl = notificationUrl;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder redirectUrl(URI redirectUrl) {
            this.redirectUrl = redirectUrl;
            return this;
        }

        public Builder matching(MatchingOptions matching) {
            this.matching = matching;
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(displayName, tenantId, clientId, authMode, mailbox, sourceFolder,
                    archiveFolder, unmatchedPolicy, deleteMode, hold, copies, internalDomains, graphBaseUrl, authorityHost,
                    notificationUrl, pollInterval, redirectUrl, matching, kind, imap);
        }
    }
}
