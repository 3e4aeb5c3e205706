package org.mailtrail.config.connection.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.config.issuer.InProcessMongo;
import org.mailtrail.config.secret.domain.MasterKeysets;
import org.mailtrail.config.secret.domain.ReEncryptionResult;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.secret.domain.SecretsProperties;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;
import org.mailtrail.platform.outbox.OutboxEntry;

/**
 * An IMAP connection's password at rest: its master key counts among the keys in use (which a new keyset must hold),
 * a re-encryption puts it under the new primary key, and it decrypts only for the host and user it was given for.
 */
class ConnectionStorePasswordTest {

    private static final InProcessMongo MONGO = new InProcessMongo();
    private static final String PASSWORD = "correct horse battery staple";

    private final ConnectionStore store = new ConnectionStore(MONGO.template("store_" + System.nanoTime()));
    private final String keyset = MasterKeysets.generate();
    private final Secrets secrets = secrets(keyset);

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    private static Secrets secrets(String keyset) {
        return new Secrets(new SecretCipher(new SecretsProperties(keyset, null)), null);
    }

    private static ConnectionSettings imap(String host) {
        return ConnectionSettings.builder().kind(ConnectionKind.IMAP)
                .imap(new ImapSettings(host, 993, ImapSecurity.TLS, "CONTOSO\\crm-log", ImapAuth.PASSWORD))
                .displayName("Contoso (Exchange Server)").mailbox("crm-log@contoso.com").sourceFolder("inbox")
                .archiveFolder("Archive").build();
    }

    private Connection storedWithPassword(String id) {
        ConnectionSettings settings = imap("mail.contoso.com");
        Instant now = Instant.parse("2026-12-05T09:00:00Z");
        Connection connection = Connection.created(id, settings, null, false, "alice", now)
                .withPassword(secrets.store(PASSWORD, Connection.passwordContext(id, settings), now));
        store.insert(connection, new OutboxEntry("e-" + id, "config.connections.v1", id,
                "org.mailtrail.config.ConnectionConfigured.v1", "{}", now, false));
        return connection;
    }

    @Test
    void countsThePasswordsKeyAmongTheKeysInUse() {
        storedWithPassword("contoso-exchange");

        assertThat(store.keyIdsInUse()).containsExactly(MasterKeysets.primaryKeyId(keyset));
    }

    @Test
    void reEncryptsThePasswordUnderTheNewPrimaryKeyAndItStillDecrypts() {
        storedWithPassword("contoso-exchange");
        String rotated = MasterKeysets.rotate(keyset);
        Secrets afterRotation = secrets(rotated);

        ReEncryptionResult result = store.reEncrypt(afterRotation);

        assertThat(result).isEqualTo(new ReEncryptionResult(1, 0, 0));
        Connection stored = store.find("contoso-exchange").orElseThrow();
        assertThat(stored.password().keyId()).isEqualTo(MasterKeysets.primaryKeyId(rotated));
        assertThat(afterRotation.reveal(stored.password(), stored.passwordContext()).reveal()).isEqualTo(PASSWORD);
        assertThat(store.reEncrypt(afterRotation)).isEqualTo(new ReEncryptionResult(0, 1, 0));
    }

    @Test
    void doesNotDecryptThePasswordForAnotherHost() {
        Connection stored = storedWithPassword("contoso-exchange");

        assertThatThrownBy(() -> secrets.reveal(stored.password(),
                Connection.passwordContext("contoso-exchange", imap("attacker.example"))))
                .isInstanceOf(SecretDecryptionException.class);
        assertThat(secrets.reveal(stored.password(), stored.passwordContext()).reveal()).isEqualTo(PASSWORD);
    }
}
