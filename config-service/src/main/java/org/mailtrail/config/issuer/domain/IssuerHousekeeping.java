package org.mailtrail.config.issuer.domain;

import java.time.Duration;

import org.mailtrail.config.issuer.store.AuthorizationStore;
import org.mailtrail.platform.scheduling.Timers;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Rotates the signing key when it is due, deletes keys retired long enough and authorizations whose tokens have all
 * expired. Every replica runs it; the store's unique generation index lets only one of them rotate, and deleting
 * twice is harmless. Due-ness is read from the stored keys rather than timed from start, so restarts do not put
 * a rotation off.
 */
public class IssuerHousekeeping {

    private final SigningKeys keys;
    private final AuthorizationStore authorizations;
    private final Timers timers;
    private final Duration interval;
    private final Duration keyRotation;

    public IssuerHousekeeping(SigningKeys keys, AuthorizationStore authorizations, Timers timers, Duration interval,
            Duration keyRotation) {
        this.keys = keys;
        this.authorizations = authorizations;
        this.timers = timers;
        this.interval = interval;
        this.keyRotation = keyRotation;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timers.every("issuer housekeeping", interval, this::run);
    }

    public void run() {
        keys.rotateIfDue(keyRotation);
        keys.sweep();
        authorizations.deleteExpired();
    }
}
