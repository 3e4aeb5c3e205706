package org.mailtrail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.messaging.MessageHandlingException;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class OutageRetryTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OutageRetry outages = new OutageRetry(Duration.ofSeconds(2), Duration.ofMillis(10),
            Duration.ofMillis(40), meters);

    @Test
    void holdsTheWriteWhileMongoIsUnreachableAndDoesItOnceItIsBack() {
        AtomicInteger calls = new AtomicInteger();

        outages.hold(() -> {
            if (calls.incrementAndGet() < 4) {
                throw new DataAccessResourceFailureException("timed out",
                        new MongoSocketOpenException("refused", new ServerAddress("127.0.0.1", 27017)));
            }
        });

        assertThat(calls).hasValue(4);
        assertThat(meters.counter("mailtrail.messages.held").count()).isEqualTo(3);
    }

    @Test
    void holdsAWriteThatRecordsWorkDoneElsewhereUntilMongoIsBack() {
        AtomicInteger attempts = new AtomicInteger();

        outages.hold(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new DataAccessResourceFailureException("Timed out while waiting for a server");
            }
        });

        assertThat(attempts).hasValue(3);
        assertThat(meters.counter("mailtrail.messages.held").count()).isEqualTo(2);
    }

    @Test
    void takesAServicesOwnWordThatItMustWaitForAnOutage() {
        assertThat(OutageRetry.isOutage(new IllegalStateException(
                new InfrastructureUnavailableException("the directory is being refreshed")))).isTrue();
    }

    @Test
    void recognisesABrokerTimeoutDeepInTheCauseChain() {
        assertThat(OutageRetry.isOutage(new MessageHandlingException(null, "send failed",
                new IllegalStateException(new TimeoutException("Expiring 1 record(s)"))))).isTrue();
    }

    @Test
    void passesAnyOtherFailureOnAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> outages.hold(() -> {
            calls.incrementAndGet();
            throw new DuplicateKeyException("duplicate");
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(calls).hasValue(1);
        assertThat(meters.counter("mailtrail.messages.held").count()).isZero();
    }

    @Test
    void givesUpAfterTheLongestWait() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> outages.hold(() -> {
            calls.incrementAndGet();
            throw new DataAccessResourceFailureException("still down");
        })).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(calls.get()).isBetween(40, 60);
    }
}
