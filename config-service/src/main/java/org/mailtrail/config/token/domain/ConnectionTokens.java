package org.mailtrail.config.token.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.mailtrail.config.audit.domain.AuditAction;
import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.mailtrail.platform.imap.ImapCredential;

/**
 * The tokens of stored connections, for the services that call Graph and for the administrator's "renew token"; and
 * the credentials of stored IMAP connections, for the services that read them.
 */
public class ConnectionTokens {

    /**
     * The outcome of a renewal; the token itself stays inside the service.
     *
     * @param account whose consent a DELEGATED connection's token was renewed with; absent for APPLICATION
     */
    public record RenewedToken(String connectionId, Instant expiresAt, String account) {
    }

    private final ConnectionService connections;
    private final TokenBroker broker;
    private final ImapCredentials imap;
    private final DelegatedGrants grants;
    private final AuditLog audit;

    public ConnectionTokens(ConnectionService connections, TokenBroker broker, ImapCredentials imap,
            DelegatedGrants grants, AuditLog audit) {
        this.connections = connections;
        this.broker = broker;
        this.imap = imap;
        this.grants = grants;
        this.audit = audit;
    }

    /** The connection's token, cached or fresh. */
    public GraphToken token(String connectionId) {
        return broker.token(connections.get(connectionId));
    }

    /** A token in place of the one Graph refused, named by its digest; see {@link TokenBroker#replace}. */
    public GraphToken replacing(String connectionId, String refusedDigest) {
        return broker.replace(connections.get(connectionId), refusedDigest);
    }

    /** What the IMAP connection signs in with; {@code refusedDigest} names a token the server refused, if any. */
    public ImapCredential imapCredential(String connectionId, String refusedDigest) {
        return imap.credential(connections.get(connectionId), refusedDigest);
    }

    /** A new token, whatever is cached; audited. */
    public RenewedToken renew(String connectionId, String actor) {
        Connection connection = connections.get(connectionId);
        GraphToken token = broker.renew(connection);
        audit.record(actor, AuditAction.TOKEN_RENEWED, connectionId, connection.revision(), List.of(), Map.of());
        String account = grants.find(connectionId).map(DelegatedGrant::account).orElse(null);
        return new RenewedToken(connectionId, token.expiresAt(), account);
    }
}
