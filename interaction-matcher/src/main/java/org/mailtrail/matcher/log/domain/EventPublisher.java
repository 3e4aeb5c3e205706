package org.mailtrail.matcher.log.domain;

import org.mailtrail.events.Contract;

/** Publishes an event and returns only once the broker has it; fails otherwise. */
public interface EventPublisher {

    void publish(Contract event);
}
