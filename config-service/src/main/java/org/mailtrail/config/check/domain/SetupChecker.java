package org.mailtrail.config.check.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.connection.domain.EnableGuard;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.SecretReference;
import org.mailtrail.config.secret.domain.SecretUnavailableException;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.token.domain.GraphToken;
import org.mailtrail.config.token.domain.TokenAcquisitionException;
import org.mailtrail.config.token.domain.TokenBroker;
import org.mailtrail.events.config.AuthMode;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs the setup checks in order; a check whose prerequisite failed is skipped rather than failing for the
 * same reason again. Each failure says what to do about it. Guards enabling: a connection with a failed check
 * is not switched on. An IMAP connection has checks of its own ({@link ImapSetupChecker}); their results are
 * reported and counted alike.
 */
public class SetupChecker implements EnableGuard {

    public static final String CLIENT_SECRET = "clientSecret";
    public static final String TOKEN = "token";
    public static final String MAILBOX = "mailbox";
    public static final String SOURCE_FOLDER = "sourceFolder";
    public static final String ARCHIVE_FOLDER = "archiveFolder";
    public static final String MOVE_PERMISSION = "movePermission";
    public static final String SUBSCRIPTION = "subscription";


    private final Secrets secrets;
    private final TokenBroker broker;
    private final SetupCheckGraphClients graphClients;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ImapSetupChecker imap;

    public SetupChecker(Secrets secrets, TokenBroker broker, SetupCheckGraphClients graphClients, ImapSetupChecker imap,
            Clock clock, MeterRegistry meters) {
        this.imap = imap;
        this.secrets = secrets;
        this.broker = broker;
        this.graphClients = graphClients;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void ensureCanEnable(Connection candidate) {
        CheckReport report = run(candidate, false);
        if (!report.passed()) {
            throw new EnableRefusedException(report);
        }
    }

    /** @param createArchiveFolder create the archive folder when it is missing (or adopt one of that name) */
    public CheckReport run(Connection connection, boolean createArchiveFolder) {
        if (connection.settings().isImap()) {
            return report(connection, imap.run(connection, createArchiveFolder), null);
        }
        List<CheckResult> results = new ArrayList<>();
        String archiveFolderId = null;
        CheckResult secret = clientSecret(connection);
        results.add(secret);
        Optional<GraphToken> token = Optional.empty();
        if (secret.status() == CheckStatus.FAILED) {
            results.add(CheckResult.skipped(TOKEN, "needs a usable client secret"));
        } else {
            CheckResult tokenResult;
            try {
                token = Optional.of(broker.token(connection));
                tokenResult = CheckResult.passed(TOKEN, "Token acquired from " + connection.settings().authorityHost()
                        + " (valid until " + token.get().expiresAt() + ")");
            } catch (TokenAcquisitionException e) {
                tokenResult = CheckResult.failed(TOKEN, "No token: " + e.getMessage(), Remedies.forToken(e, connection));
            }
            results.add(tokenResult);
        }
        if (token.isEmpty()) {
            for (String check : List.of(MAILBOX, SOURCE_FOLDER, ARCHIVE_FOLDER, MOVE_PERMISSION, SUBSCRIPTION)) {
                results.add(CheckResult.skipped(check, "needs a token"));
            }
            return report(connection, results, null);
        }
        GraphServiceClient graph = graphClients.forConnection(connection, () -> broker.token(connection).accessToken());
        ConnectionSettings settings = connection.settings();
        CheckResult mailbox = mailbox(graph, connection);
        results.add(mailbox);
        if (mailbox.status() == CheckStatus.FAILED) {
            results.add(CheckResult.skipped(SOURCE_FOLDER, "needs access to the mailbox"));
            results.add(CheckResult.skipped(ARCHIVE_FOLDER, "needs access to the mailbox"));
        } else {
            results.add(sourceFolder(graph, settings));
            ArchiveOutcome archive = archiveFolder(graph, settings, createArchiveFolder);
            results.add(archive.result());
            archiveFolderId = archive.folderId();
        }
        results.add(movePermission(graph, connection, mailbox.status() != CheckStatus.FAILED));
        results.add(subscription(graph, connection, mailbox.status() != CheckStatus.FAILED));
        return report(connection, results, archiveFolderId);
    }

    private CheckReport report(Connection connection, List<CheckResult> results, String archiveFolderId) {
        results.forEach(result -> Counter.builder("mailtrail.checks.completed")
                .description("Setup check results, by check and status")
                .tag("check", result.check()).tag("status", result.status().name().toLowerCase(Locale.ROOT))
                .register(meters).increment());
        return CheckReport.of(connection.id(), connection.revision(), clock.instant(), results, archiveFolderId);
    }

    private CheckResult clientSecret(Connection connection) {
        if (!connection.hasClientSecret()) {
            if (connection.settings().authMode() == AuthMode.DELEGATED) {
                return CheckResult.passed(CLIENT_SECRET, "No client secret: the app is used as a public client (PKCE)");
            }
            return CheckResult.failed(CLIENT_SECRET, "No client secret is set",
                    "Create a client secret for the app (Entra admin center > App registrations > Certificates & secrets) and set it as clientSecret, or reference it with clientSecretRef (env:, file:, keyvault:).");
        }
        try {
            secrets.reveal(connection.clientSecret(), connection.clientSecretContext());
        } catch (SecretDecryptionException e) {
            return CheckResult.failed(CLIENT_SECRET, "The stored client secret cannot be decrypted: " + e.getMessage(),
                    "Set the client secret again, or give the service the master keyset that contains the key it was stored with.");
        } catch (SecretUnavailableException e) {
            return CheckResult.failed(CLIENT_SECRET, "The referenced client secret cannot be read: " + e.getMessage(),
                    Remedies.forReference(connection.clientSecret().reference()));
        }
        if (connection.clientSecret().isReference()) {
            SecretReference reference = connection.clientSecret().reference();
            return CheckResult.passed(CLIENT_SECRET, "Readable at " + reference.text());
        }
        return CheckResult.passed(CLIENT_SECRET,
                "Stored encrypted under master key " + connection.clientSecret().keyId() + " and decryptable");
    }

    private CheckResult mailbox(GraphServiceClient graph, Connection connection) {
        String address = connection.settings().mailbox();
        try {
            graph.users().byUserId(address).mailFolders().get(request -> request.queryParameters.top = 1);
            return CheckResult.passed(MAILBOX, "Mailbox " + address + " is reachable");
        } catch (ApiException e) {
            int status = e.getResponseStatusCode();
            if (status == 403) {
                return CheckResult.failed(MAILBOX, "The app has no access to mailbox " + address + " (" + graphError(e) + ")",
                        Remedies.forMailboxAccess(connection));
            }
            if (status == 404) {
                return CheckResult.failed(MAILBOX, "There is no mailbox " + address + " (" + graphError(e) + ")",
                        "Check the mailbox address; a shared mailbox must exist in Exchange Online (Get-Mailbox " + address + ").");
            }
            return CheckResult.failed(MAILBOX, "Graph refused to read mailbox " + address + " (" + status + ", " + graphError(e) + ")",
                    Remedies.forGraphStatus(status));
        } catch (RuntimeException e) {
            return unreachable(MAILBOX, connection.settings(), e);
        }
    }

    private CheckResult sourceFolder(GraphServiceClient graph, ConnectionSettings settings) {
        try {
            MailFolder folder = graph.users().byUserId(settings.mailbox()).mailFolders()
                    .byMailFolderId(settings.sourceFolder()).get();
            return CheckResult.passed(SOURCE_FOLDER, "Source folder '" + settings.sourceFolder() + "' is "
                    + folder.getDisplayName() + " (" + folder.getTotalItemCount() + " messages)");
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404) {
                return CheckResult.failed(SOURCE_FOLDER, "Mailbox " + settings.mailbox() + " has no folder '"
                        + settings.sourceFolder() + "'",
                        "Name the folder mail arrives in by its well-known name (inbox) or its folder id.");
            }
            return CheckResult.failed(SOURCE_FOLDER, "Graph refused to read folder '" + settings.sourceFolder() + "' ("
                    + e.getResponseStatusCode() + ", " + graphError(e) + ")", Remedies.forGraphStatus(e.getResponseStatusCode()));
        } catch (RuntimeException e) {
            return unreachable(SOURCE_FOLDER, settings, e);
        }
    }

    private record ArchiveOutcome(CheckResult result, String folderId) {
    }

    private ArchiveOutcome archiveFolder(GraphServiceClient graph, ConnectionSettings settings, boolean create) {
        String name = settings.archiveFolder();
        try {
            MailFolder folder = graph.users().byUserId(settings.mailbox()).mailFolders().byMailFolderId(name).get();
            return new ArchiveOutcome(CheckResult.passed(ARCHIVE_FOLDER, "Archive folder '" + name + "' is "
                    + folder.getDisplayName()), null);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 404) {
                return new ArchiveOutcome(CheckResult.failed(ARCHIVE_FOLDER, "Graph refused to read folder '" + name
                        + "' (" + e.getResponseStatusCode() + ", " + graphError(e) + ")",
                        Remedies.forGraphStatus(e.getResponseStatusCode())), null);
            }
        } catch (RuntimeException e) {
            return new ArchiveOutcome(unreachable(ARCHIVE_FOLDER, settings, e), null);
        }
        if (!create) {
            return new ArchiveOutcome(CheckResult.failed(ARCHIVE_FOLDER, "Mailbox " + settings.mailbox()
                    + " has no folder '" + name + "' to archive logged mail in",
                    "Create the folder in the mailbox, name an existing one (its well-known name such as archive, or its folder id), or run the check with createArchiveFolder=true to have it created."),
                    null);
        }
        try {
            MailFolder folder = topLevelFolderNamed(graph, settings.mailbox(), name)
                    .orElseGet(() -> createFolder(graph, settings.mailbox(), name));
            return new ArchiveOutcome(CheckResult.passed(ARCHIVE_FOLDER, "Archive folder '" + name
                    + "' is now folder " + folder.getId() + "; the connection names it by this id"), folder.getId());
        } catch (ApiException e) {
            return new ArchiveOutcome(CheckResult.failed(ARCHIVE_FOLDER, "Folder '" + name + "' could not be created ("
                    + e.getResponseStatusCode() + ", " + graphError(e) + ")",
                    "Create the folder in the mailbox yourself and name it by its id."), null);
        }
    }

    private static Optional<MailFolder> topLevelFolderNamed(GraphServiceClient graph, String mailbox, String name) {
        MailFolderCollectionResponse folders = graph.users().byUserId(mailbox).mailFolders()
                .get(request -> request.queryParameters.top = 250);
        return folders == null || folders.getValue() == null ? Optional.empty()
                : folders.getValue().stream().filter(folder -> name.equalsIgnoreCase(folder.getDisplayName())).findFirst();
    }

    private static MailFolder createFolder(GraphServiceClient graph, String mailbox, String name) {
        MailFolder folder = new MailFolder();
        folder.setDisplayName(name);
        return graph.users().byUserId(mailbox).mailFolders().post(folder);
    }

    /**
     * Proves that the app may change the mailbox's mail without changing anything: it asks Graph to create, next
     * to the source folder, a folder of the source folder's own name. Graph checks the permission first (403
     * without write access, however it was granted: an Entra role in the token or Exchange's RBAC for
     * Applications, which puts nothing in the token) and only then finds the name taken (409).
     */
    private CheckResult movePermission(GraphServiceClient graph, Connection connection, boolean mailboxReachable) {
        ConnectionSettings settings = connection.settings();
        if (!mailboxReachable) {
            return CheckResult.skipped(MOVE_PERMISSION, "needs access to the mailbox");
        }
        String mailbox = settings.mailbox();
        try {
            MailFolder source = graph.users().byUserId(mailbox).mailFolders().byMailFolderId(settings.sourceFolder())
                    .get(request -> request.queryParameters.select = new String[] {"displayName", "parentFolderId"});
            MailFolder duplicate = new MailFolder();
            duplicate.setDisplayName(source.getDisplayName());
            MailFolder created = graph.users().byUserId(mailbox).mailFolders().byMailFolderId(source.getParentFolderId())
                    .childFolders().post(duplicate);
            // The source folder was renamed in the meantime, so the name was free: take the new folder away again.
            graph.users().byUserId(mailbox).mailFolders().byMailFolderId(created.getId()).delete();
            return CheckResult.warning(MOVE_PERMISSION, "The app may change mail in " + mailbox + ", but the check "
                    + "created a folder '" + source.getDisplayName() + "' (the source folder was renamed meanwhile) "
                    + "and moved it to Deleted Items", "Empty it from Deleted Items if it is in the way.");
        } catch (ApiException e) {
            int status = e.getResponseStatusCode();
            if (status == 409) {
                return CheckResult.passed(MOVE_PERMISSION, "The app may change mail in " + mailbox
                        + ": Graph turned down a second folder of the source folder's name as a duplicate (409), "
                        + "not as forbidden; nothing was changed");
            }
            if (status == 403) {
                return CheckResult.failed(MOVE_PERMISSION, "The app may read " + mailbox + " but not move or delete "
                        + "its mail (" + graphError(e) + ")", Remedies.forWriteAccess(connection));
            }
            return CheckResult.failed(MOVE_PERMISSION, "Graph refused the write check in " + mailbox + " (" + status
                    + ", " + graphError(e) + ")", Remedies.forGraphStatus(status));
        } catch (RuntimeException e) {
            return unreachable(MOVE_PERMISSION, settings, e);
        }
    }

    private CheckResult subscription(GraphServiceClient graph, Connection connection, boolean mailboxReachable) {
        ConnectionSettings settings = connection.settings();
        if (settings.authMode() == AuthMode.DELEGATED) {
            return CheckResult.skipped(SUBSCRIPTION, "DELEGATED connections poll every " + settings.pollInterval());
        }
        if (settings.notificationUrl() == null) {
            return CheckResult.skipped(SUBSCRIPTION, "No notificationUrl: the connection polls every " + settings.pollInterval());
        }
        if (!mailboxReachable) {
            return CheckResult.skipped(SUBSCRIPTION, "needs access to the mailbox");
        }
        Subscription probe = new Subscription();
        probe.setChangeType("created");
        probe.setNotificationUrl(settings.notificationUrl().toString());
        probe.setResource("users/" + settings.mailbox() + "/mailFolders('" + settings.sourceFolder() + "')/messages");
        // Graph rejects more than 7 fractional digits; the SDK writes 9.
        probe.setExpirationDateTime(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusMinutes(15)
                .truncatedTo(ChronoUnit.SECONDS));
        probe.setClientState(UUID.randomUUID().toString());
        try {
            Subscription created = graph.subscriptions().post(probe);
            graph.subscriptions().bySubscriptionId(created.getId()).delete();
            return CheckResult.passed(SUBSCRIPTION, "Graph validated " + settings.notificationUrl()
                    + " and accepted a subscription (created and deleted again)");
        } catch (ApiException e) {
            return CheckResult.failed(SUBSCRIPTION, "Graph did not accept a subscription to " + settings.notificationUrl()
                    + " (" + e.getResponseStatusCode() + ", " + graphError(e) + ")",
                    "The notificationUrl must be reachable from Microsoft Graph over HTTPS and answer the validation request with the validationToken as text/plain within 10 seconds (mail-ingestor's webhook does). Or leave notificationUrl out to poll.");
        } catch (RuntimeException e) {
            return unreachable(SUBSCRIPTION, settings, e);
        }
    }

    private CheckResult unreachable(String check, ConnectionSettings settings, RuntimeException e) {
        return CheckResult.failed(check, "Graph at " + settings.graphBaseUrl() + " could not be asked ("
                + e.getClass().getSimpleName() + ")",
                "Check graphBaseUrl, the network path to it and, for a private endpoint, the trust store (mailtrail.graph.trust-store).");
    }

    private static String graphError(ApiException e) {
        if (e instanceof ODataError error && error.getError() != null) {
            return error.getError().getCode() + ": " + error.getError().getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
