package org.mailtrail.config.secret.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Takes up a changed master keyset file while the service runs. A Kubernetes Secret volume is updated by swapping a
 * symlink, which need not change the file's modification time, so a change is seen by the content's digest. A new
 * keyset must hold, enabled, every master key that stored secrets are encrypted under; one that does not, or that is
 * no keyset at all, is refused: the service keeps the keyset it had, logs an error once per refused content, counts
 * it and reports it on its health until the file holds a keyset it can take (or the one in use again).
 *
 * <p>Re-encrypting the stored secrets under the new primary key stays an explicit call ({@link ReEncryption}):
 * replicas see a changed Secret at different moments, and a secret re-encrypted by one replica would be unreadable
 * to another that still has the old keyset.
 */
public class MasterKeysetReloader {

    private static final Logger log = LoggerFactory.getLogger(MasterKeysetReloader.class);

    /** What one look at the file came to. */
    public enum Outcome { UNCHANGED, LOADED, REFUSED }

    /** A keyset content that was refused, and why (ids and reasons only, never material). */
    public record Refusal(String digest, String reason, Instant at) {
    }

    private final SecretCipher cipher;
    private final List<ReEncryptable> stores;
    private final Clock clock;
    private final Counter loaded;
    private final Counter refused;
    private volatile Refusal refusal;

    public MasterKeysetReloader(SecretCipher cipher, List<ReEncryptable> stores, MeterRegistry meters, Clock clock) {
        this.cipher = cipher;
        this.stores = List.copyOf(stores);
        this.clock = clock;
        this.loaded = Counter.builder("mailtrail.keyset.reloads").tag("outcome", "loaded")
                .description("master keysets taken up from the changed file").register(meters);
        this.refused = Counter.builder("mailtrail.keyset.reloads").tag("outcome", "refused")
                .description("changed master keyset files refused; the service kept the keyset it had").register(meters);
        Gauge.builder("mailtrail.keyset.refused", this, reloader -> reloader.refusal().isPresent() ? 1 : 0)
                .description("1 while the master keyset file holds a keyset the service refused").register(meters);
    }

    /** Looks at the file once: takes up a changed keyset, or refuses it. Nothing to do for an inline keyset. */
    public synchronized Outcome check() {
        if (!cipher.reloadable()) {
            return Outcome.UNCHANGED;
        }
        String text;
        try {
            text = cipher.sourceText();
        } catch (MissingMasterKeyException e) {
            // A file being swapped may be missing for a moment; it counts as refused until it is back.
            refuse("unreadable: " + e.getMessage(), e.getMessage());
            return Outcome.REFUSED;
        }
        if (SecretCipher.digest(text).equals(cipher.loadedDigest())) {
            refusal = null;
            return Outcome.UNCHANGED;
        }
        try {
            take(text);
            return Outcome.LOADED;
        } catch (MissingMasterKeyException e) {
            return Outcome.REFUSED;
        }
    }

    /**
     * Reads the keyset source again whether or not it changed, under the same rule, for a re-encryption.
     *
     * @throws MasterKeysetNotReloadedException when the keyset cannot be read or lacks a key in use
     */
    public synchronized void reloadNow() {
        try {
            String text;
            try {
                text = cipher.sourceText();
            } catch (MissingMasterKeyException e) {
                refuse("unreadable: " + e.getMessage(), e.getMessage());
                throw e;
            }
            take(text);
        } catch (MissingMasterKeyException e) {
            throw new MasterKeysetNotReloadedException(e);
        }
    }

    /** The refused content the file holds now, if it holds one. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    private Set<Integer> keyIdsInUse() {
        Set<Integer> ids = new TreeSet<>();
        stores.forEach(store -> ids.addAll(store.keyIdsInUse()));
        return ids;
    }

    private void take(String text) {
        try {
            cipher.replace(text, keyIdsInUse());
        } catch (MissingMasterKeyException e) {
            refuse(SecretCipher.digest(text), e.getMessage());
            throw e;
        }
        refusal = null;
        loaded.increment();
    }

    private void refuse(String digest, String reason) {
        Refusal previous = refusal;
        if (previous == null || !previous.digest().equals(digest)) {
            log.error("Master keyset from {} refused, the service keeps using the keyset it had (primary key id {}): {}",
                    cipher.source(), cipher.primaryKeyId(), reason);
            refused.increment();
            refusal = new Refusal(digest, reason, clock.instant());
        }
    }
}
