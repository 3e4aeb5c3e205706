package org.mailtrail.config.secret.domain;

import java.util.List;
import java.util.Map;

import org.mailtrail.config.audit.domain.AuditAction;
import org.mailtrail.config.audit.domain.AuditLog;

/**
 * The second half of a key rotation: read the (rotated) master keyset again and put every stored secret under
 * its new primary key, so the old key can later be removed from the keyset.
 */
public class ReEncryption {

    /** What the pass did, and under which key everything now is. */
    public record Report(int primaryKeyId, int reEncrypted, int alreadyCurrent, int failed) {
    }

    private final Secrets secrets;
    private final MasterKeysetReloader reloader;
    private final List<ReEncryptable> stores;
    private final AuditLog audit;

    public ReEncryption(Secrets secrets, MasterKeysetReloader reloader, List<ReEncryptable> stores, AuditLog audit) {
        this.secrets = secrets;
        this.reloader = reloader;
        this.stores = List.copyOf(stores);
        this.audit = audit;
    }

    /**
     * @throws MasterKeysetNotReloadedException when the keyset cannot be read again, or lacks a key stored secrets
     *         are under; nothing is re-encrypted then
     */
    public Report run(String actor) {
        reloader.reloadNow();
        ReEncryptionResult total = ReEncryptionResult.NONE;
        for (ReEncryptable store : stores) {
            total = total.plus(store.reEncrypt(secrets));
        }
        Report report = new Report(secrets.cipher().primaryKeyId(), total.reEncrypted(), total.alreadyCurrent(),
                total.failed());
        audit.record(actor, AuditAction.SECRETS_RE_ENCRYPTED, null, null, List.of(), Map.of(
                "primaryKeyId", Integer.toString(report.primaryKeyId()),
                "reEncrypted", Integer.toString(report.reEncrypted()),
                "alreadyCurrent", Integer.toString(report.alreadyCurrent()),
                "failed", Integer.toString(report.failed())));
        return report;
    }
}
