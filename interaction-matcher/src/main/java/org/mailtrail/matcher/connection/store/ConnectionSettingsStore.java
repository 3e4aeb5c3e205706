package org.mailtrail.matcher.connection.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailtrail.matcher.connection.domain.ConnectionSettings;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Connection settings in the {@code connections} collection and in memory. The memory copy is
 * loaded when the bean is created, before any binding starts consuming mail, and written through
 * on every change.
 */
@Component
public class ConnectionSettingsStore {

    private final MongoTemplate mongo;
    private final Map<String, ConnectionSettings> settings = new ConcurrentHashMap<>();

    public ConnectionSettingsStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.findAll(ConnectionDocument.class).forEach(document -> settings.put(document.id(), document.toSettings()));
    }

    /** The connection's settings, or the defaults for a connection not seen yet. */
    public ConnectionSettings settingsFor(String connectionId) {
        return settings.getOrDefault(connectionId, ConnectionSettings.defaults(connectionId));
    }

    public Optional<ConnectionSettings> find(String connectionId) {
        return Optional.ofNullable(settings.get(connectionId));
    }

    /** Stores the settings unless a newer revision is already stored (records may be replayed). */
    public void save(ConnectionSettings updated) {
        ConnectionSettings current = settings.get(updated.connectionId());
        if (current != null && current.revision() > updated.revision()) {
            return;
        }
        mongo.save(ConnectionDocument.from(updated));
        settings.put(updated.connectionId(), updated);
    }

    public void delete(String connectionId) {
        mongo.remove(Query.query(Criteria.where("_id").is(connectionId)), ConnectionDocument.class);
        settings.remove(connectionId);
    }
}
