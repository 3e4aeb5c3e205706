package org.mailtrail.platform.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import com.mongodb.client.MongoClient;

/**
 * Reports MongoDB as UP when it answers {@code ping}. Boot's own indicator sends {@code hello}
 * to every database, which the embedded MongoDB-protocol server of the local run and the tests
 * does not know, so it would report a healthy store as DOWN.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private static final Document PING = new Document("ping", 1);

    private final MongoClient client;

    public MongoPingHealthIndicator(MongoClient client) {
        super("MongoDB ping failed");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long started = System.nanoTime();
        Document answer = client.getDatabase("admin").runCommand(PING);
        long micros = (System.nanoTime() - started) / 1_000;
        boolean ok = answer.get("ok") instanceof Number number && number.doubleValue() == 1.0;
        (ok ? builder.up() : builder.down()).withDetail("command", "ping").withDetail("latencyMicros", micros);
    }
}
