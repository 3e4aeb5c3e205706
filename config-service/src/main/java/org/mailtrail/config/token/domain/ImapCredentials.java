package org.mailtrail.config.token.domain;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.SecretUnavailableException;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.platform.imap.ImapCredential;

/**
 * What an IMAP connection signs in with, for the services that read its mailbox and for the setup checks: the
 * account's password, or an access token for Exchange Online's IMAP acquired (and cached) by the {@link TokenBroker}
 * like a Graph token. The credential is handed out, never logged or kept anywhere but in the broker's cache.
 */
public class ImapCredentials {

    private final TokenBroker broker;
    private final Secrets secrets;

    public ImapCredentials(TokenBroker broker, Secrets secrets) {
        this.broker = broker;
        this.secrets = secrets;
    }

    /**
     * A stored connection's credential, for the service that reads its mailbox.
     *
     * @param refusedDigest the {@code AccessTokenDigest} of a token the server refused (XOAUTH2), or null
     */
    public ImapCredential credential(Connection connection, String refusedDigest) {
        if (!connection.settings().isImap()) {
            throw new TokenAcquisitionException(TokenAcquisitionException.Reason.NOT_IMAP, "connection "
                    + connection.id() + " reads its mailbox through Graph: it has no IMAP credential", null);
        }
        if (connection.settings().imap().auth() == ImapAuth.XOAUTH2 && refusedDigest != null) {
            GraphToken token = broker.replace(connection, refusedDigest);
            return new ImapCredential(connection.settings().imap().username(), ImapAuth.XOAUTH2, token.accessToken(),
                    token.expiresAt());
        }
        return credential(connection);
    }

    /** The credential of a connection as given, which need not be stored yet (the checks before a change). */
    public ImapCredential credential(Connection connection) {
        String username = connection.settings().imap().username();
        if (connection.settings().imap().auth() == ImapAuth.XOAUTH2) {
            GraphToken token = broker.token(connection);
            return new ImapCredential(username, ImapAuth.XOAUTH2, token.accessToken(), token.expiresAt());
        }
        if (!connection.hasPassword()) {
            throw new TokenAcquisitionException(TokenAcquisitionException.Reason.NO_PASSWORD,
                    "connection " + connection.id() + " has no password for " + username, null);
        }
        try {
            return new ImapCredential(username, ImapAuth.PASSWORD,
                    secrets.reveal(connection.password(), connection.passwordContext()).reveal(), null);
        } catch (SecretUnavailableException | SecretDecryptionException e) {
            throw new TokenAcquisitionException(TokenAcquisitionException.Reason.SECRET_UNAVAILABLE,
                    "the IMAP password: " + e.getMessage(), null);
        }
    }
}
