package org.mailtrail.ingestor.disposition.domain;

import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.springframework.stereotype.Service;

/**
 * Where commands arrive. Each is stored before the consumer returns, so the Kafka offset can move on without the
 * command being lost, and the connection's worker is woken. LEAVE needs nothing from Graph and is only counted.
 */
@Service
public class DispositionInbox {

    private final DispositionStore store;
    private final DispositionWorkers workers;
    private final DispositionMetrics metrics;

    public DispositionInbox(DispositionStore store, DispositionWorkers workers, DispositionMetrics metrics) {
        this.store = store;
        this.workers = workers;
        this.metrics = metrics;
    }

    public void accept(MailDispositionRequested command) {
        if (command.disposition() == Disposition.LEAVE) {
            metrics.count("left");
            return;
        }
        if (store.add(command)) {
            workers.trigger(command.connectionId());
        }
    }
}
