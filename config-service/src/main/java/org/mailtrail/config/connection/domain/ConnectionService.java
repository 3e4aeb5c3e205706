package org.mailtrail.config.connection.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.mailtrail.config.audit.domain.AuditAction;
import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.config.connection.store.ConnectionStore;
import org.mailtrail.config.graph.GraphHosts;
import org.mailtrail.config.secret.domain.InvalidSecretReferenceException;
import org.mailtrail.config.secret.domain.ReEncryptionResult;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.secret.domain.StoredSecret;
import org.mailtrail.events.Topics;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.problem.FieldProblem;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.mailtrail.platform.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Every change to a connection goes through here, in one order: check the revision, store the new revision
 * together with the record subscribers are owed (its {@code ConnectionConfigured}, or a tombstone for a delete),
 * audit it, publish it. A change that changes nothing creates no revision. A change is answered as done once it
 * is stored: what the broker does not take now, the outbox relay sends later.
 *
 * <p>A connection's credentials go only where {@link GraphHosts} allows, and only to the tenant, app and
 * authority they were given for: changing any of those three needs the client secret again, so that whoever may
 * edit a connection cannot have its stored secret sent somewhere else.
 */
@Service
public class ConnectionService {

    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

    private final ConnectionStore store;
    private final Secrets secrets;
    private final GraphHosts hosts;
    private final EnableGuard guard;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public ConnectionService(ConnectionStore store, Secrets secrets, GraphHosts hosts, EnableGuard guard,
            Outbox outbox, AuditLog audit, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.hosts = hosts;
        this.guard = guard;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Binds the client secrets stored before secrets were bound to their connection's tenant, app and authority;
     * until then those do not decrypt. When MongoDB cannot be reached now, the next start or a re-encryption
     * ({@code POST /api/secrets/re-encrypt}) does it.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void bindUnboundSecrets() {
        try {
            ReEncryptionResult bound = store.bindUnboundSecrets(secrets);
            if (bound.reEncrypted() + bound.failed() > 0) {
                log.info("client secrets bound to their connection's tenant, app and authority: {}, failed: {}",
                        bound.reEncrypted(), bound.failed());
            }
        } catch (RuntimeException e) {
            log.warn("client secrets stored unbound could not be bound now; a re-encryption binds them: {}",
                    e.toString());
        }
    }

    public Connection get(String id) {
        return store.find(id).orElseThrow(() -> new ConnectionNotFoundException(id));
    }

    public List<Connection> list() {
        return store.all();
    }

    /** Creates a connection; one that should start enabled must pass the setup checks unless forced. */
    public Connection create(ConnectionDraft draft, boolean force, String actor) {
        String id = draft.id() == null ? UUID.randomUUID().toString() : draft.id();
        requireAllowedHosts(draft.settings());
        Instant now = clock.instant();
        StoredSecret secret = secretFor(id, draft, null, now);
        boolean enabled = Boolean.TRUE.equals(draft.enabled());
        StoredSecret password = passwordFor(id, draft.password(), null, draft.settings(), now);
        Connection created = Connection.created(id, draft.settings(), secret, enabled, actor, now)
                .withPassword(password);
        if (enabled && !force) {
            guard.ensureCanEnable(created);
        }
        store.insert(created, outbox.entry(created.toEvent()));
        List<String> fields = new ArrayList<>(draft.settings().presentFields());
        if (secret != null) {
            fields.add(secretField(secret));
        }
        if (password != null) {
            fields.add(passwordField(password));
        }
        if (enabled) {
            fields.add("enabled");
        }
        audit.record(actor, AuditAction.CONNECTION_CREATED, id, created.revision(), fields, forced(enabled && force));
        publish(id);
        return created;
    }

    /**
     * Replaces the settings; the secret is kept unless the draft brings one, and so are the settings the draft
     * left out of {@link ConnectionDraft.Kept}. Switching the connection on must pass the setup checks unless forced.
     */
    public Connection update(String id, Long expectedRevision, ConnectionDraft draft, boolean force, String actor) {
        Connection current = current(id, expectedRevision);
        ConnectionSettings wanted = draft.settingsReplacing(current.settings());
        requireAllowedHosts(wanted);
        requireSecretForNewCredentials(current, draft);
        Instant now = clock.instant();
        StoredSecret secret = secretFor(id, draft, current.clientSecret(), now);
        StoredSecret password = passwordFor(id, draft.password(), current, wanted, now);
        boolean enabled = draft.enabled() == null ? current.enabled() : draft.enabled();
        List<String> fields = new ArrayList<>(current.settings().differences(wanted));
        if (secret != current.clientSecret()) {
            fields.add(secretField(secret));
        }
        if (password != current.password()) {
            fields.add(password == null ? "password" : passwordField(password));
        }
        if (enabled != current.enabled()) {
            fields.add("enabled");
        }
        if (fields.isEmpty()) {
            return current;
        }
        Connection next = current.next(wanted, secret, enabled, actor, now).withPassword(password);
        boolean switchingOn = enabled && !current.enabled();
        if (switchingOn && !force) {
            guard.ensureCanEnable(next);
        }
        return save(current, next, expectedRevision, AuditAction.CONNECTION_UPDATED, fields, forced(switchingOn && force));
    }

    /** Switches the connection on (after the setup checks, unless forced) or off. */
    public Connection setEnabled(String id, Long expectedRevision, boolean enabled, boolean force, String actor) {
        Connection current = current(id, expectedRevision);
        if (current.enabled() == enabled) {
            return current;
        }
        Connection next = current.next(current.settings(), current.clientSecret(), enabled, actor, clock.instant());
        if (enabled && !force) {
            guard.ensureCanEnable(next);
        }
        return save(current, next, expectedRevision,
                enabled ? AuditAction.CONNECTION_ENABLED : AuditAction.CONNECTION_DISABLED, List.of("enabled"),
                forced(enabled && force));
    }

    /** Names the archive folder by id, after the setup check found or created it. */
    public Connection useArchiveFolder(String id, String folderId, String actor) {
        Connection current = get(id);
        if (folderId.equals(current.settings().archiveFolder())) {
            return current;
        }
        Connection next = current.next(current.settings().withArchiveFolder(folderId), current.clientSecret(),
                current.enabled(), actor, clock.instant());
        return save(current, next, null, AuditAction.ARCHIVE_FOLDER_SET, List.of("archiveFolder"), Map.of());
    }

    /** Deletes the connection; subscribers get a tombstone, and the document goes once the broker has it. */
    public void delete(String id, Long expectedRevision, String actor) {
        Connection current = current(id, expectedRevision);
        Connection deleted = current.next(current.settings(), current.clientSecret(), false, actor, clock.instant());
        if (!store.markDeleted(deleted, current.revision(),
                outbox.tombstone(Topics.CONNECTIONS, id, deleted.tombstoneId(), true))) {
            throw conflict(id, expectedRevision);
        }
        audit.record(actor, AuditAction.CONNECTION_DELETED, id, deleted.revision(), List.of(), Map.of());
        publish(id);
    }

    private Connection save(Connection current, Connection next, Long expectedRevision, AuditAction action,
            List<String> fields, Map<String, String> details) {
        if (!store.replace(next, current.revision(), outbox.entry(next.toEvent()))) {
            throw conflict(current.id(), expectedRevision);
        }
        audit.record(next.updatedBy(), action, next.id(), next.revision(), fields, details);
        publish(next.id());
        return next;
    }

    private void publish(String id) {
        outbox.publishOrLeaveToRelay(ConnectionStore.COLLECTION, id);
    }

    private Connection current(String id, Long expectedRevision) {
        Connection current = get(id);
        if (expectedRevision != null && expectedRevision != current.revision()) {
            throw new StaleRevisionException(id, expectedRevision, current.revision());
        }
        return current;
    }

    /** A lost race: stale when the caller named a revision, concurrent when it did not. */
    private ProblemException conflict(String id, Long expectedRevision) {
        if (expectedRevision == null) {
            return new ConcurrentConnectionChangeException(id);
        }
        long now = store.find(id).map(Connection::revision).orElseThrow(() -> new ConnectionNotFoundException(id));
        return new StaleRevisionException(id, expectedRevision, now);
    }

    private void requireAllowedHosts(ConnectionSettings settings) {
        List<FieldProblem> refused = hosts.refusals(settings.authorityHost(), settings.graphBaseUrl()).entrySet()
                .stream().map(field -> new FieldProblem(field.getKey(), field.getValue())).toList();
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
    }

    /** The stored secret was given for one tenant, app and authority; for any other it must be given again. */
    private static void requireSecretForNewCredentials(Connection current, ConnectionDraft draft) {
        boolean keepsTheSecret = draft.secret() == null || draft.secret() instanceof SecretInput.Keep;
        if (current.clientSecret() == null || !keepsTheSecret) {
            return;
        }
        List<String> changed = current.settings().differences(draft.settings()).stream()
                .filter(List.of("tenantId", "clientId", "authorityHost")::contains).toList();
        if (!changed.isEmpty()) {
            throw new InvalidRequestException("clientSecret", "changing " + String.join(", ", changed)
                    + " needs the client secret again (clientSecret or clientSecretRef): the stored one was given for "
                    + "the previous values");
        }
    }

    private StoredSecret secretFor(String id, ConnectionDraft draft, StoredSecret current, Instant now) {
        SecretInput input = draft.secret();
        if (input instanceof SecretInput.Plain plain) {
            return secrets.store(plain.value().reveal(), Connection.clientSecretContext(id, draft.settings()), now);
        }
        if (input instanceof SecretInput.Reference reference) {
            try {
                return secrets.reference(reference.reference(), now);
            } catch (InvalidSecretReferenceException e) {
                throw new InvalidRequestException("clientSecretRef", e.getMessage());
            }
        }
        return current;
    }

    /**
     * The password an IMAP connection signs in with: a new one when the draft brings one, else the stored one as
     * long as the connection still signs in with a password to the same host as the same user. A password given for
     * one server and account is not sent to another just because someone changed the connection's host.
     */
    private StoredSecret passwordFor(String id, SecretInput input, Connection current, ConnectionSettings wanted,
            Instant now) {
        if (!wanted.signsInWithPassword()) {
            return null;
        }
        if (input instanceof SecretInput.Plain plain) {
            return secrets.store(plain.value().reveal(), Connection.passwordContext(id, wanted), now);
        }
        if (input instanceof SecretInput.Reference reference) {
            try {
                return secrets.reference(reference.reference(), now);
            } catch (InvalidSecretReferenceException e) {
                throw new InvalidRequestException("passwordRef", e.getMessage());
            }
        }
        if (current == null || current.password() == null || !current.settings().signsInWithPassword()) {
            return null;
        }
        boolean sameAccount = current.settings().imap().host().equals(wanted.imap().host())
                && current.settings().imap().username().equals(wanted.imap().username());
        return sameAccount ? current.password() : null;
    }

    private static String passwordField(StoredSecret password) {
        return password.isReference() ? "passwordRef" : "password";
    }

    private static String secretField(StoredSecret secret) {
        return secret.isReference() ? "clientSecretRef" : "clientSecret";
    }

    private static Map<String, String> forced(boolean forced) {
        return forced ? Map.of("forced", "true") : Map.of();
    }
}
