package org.mailtrail.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void strikesTheNextNMatchingRequestsAndThenGoesAway() {
        FaultInjector faults = new FaultInjector(1);
        faults.add(Fault.throttle(5).times(2).matching("/messages/"));

        assertThat(faults.decide("GET", "/v1.0/users/a/mailFolders/inbox").none()).isTrue();
        assertThat(faults.decide("GET", "/v1.0/users/a/messages/x").status()).isEqualTo(429);
        assertThat(faults.decide("POST", "/v1.0/users/a/messages/x/move").retryAfterSeconds()).isEqualTo(5);
        assertThat(faults.decide("GET", "/v1.0/users/a/messages/x").none()).isTrue();
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void strikesAboutTheRequestedFractionOfRequestsRepeatablyForOneSeed() {
        FaultInjector faults = new FaultInjector(7);
        faults.add(Fault.unavailable(null).always().fraction(0.25));

        long struck = IntStream.range(0, 400).filter(i -> faults.decide("GET", "/v1.0/x").status() != null).count();

        assertThat(struck).isBetween(70L, 130L);
        FaultInjector again = new FaultInjector(7);
        again.add(Fault.unavailable(null).always().fraction(0.25));
        assertThat(IntStream.range(0, 400).filter(i -> again.decide("GET", "/v1.0/x").status() != null).count()).isEqualTo(struck);
    }

    @Test
    void addsDelaysAndLetsTheFirstStatusWin() {
        FaultInjector faults = new FaultInjector(1);
        faults.add(Fault.delay(Duration.ofMillis(100)));
        faults.add(Fault.throttle(3).delayed(Duration.ofMillis(50)));
        faults.add(Fault.unavailable(9));

        FaultInjector.Outcome outcome = faults.decide("GET", "/v1.0/x");

        assertThat(outcome).isEqualTo(new FaultInjector.Outcome(150, 429, 3));
        assertThat(faults.active()).extracting(a -> a.fault().status()).containsExactly(503);
    }

    @Test
    void refusesAFaultThatDoesNothing() {
        assertThatThrownBy(() -> new Fault(500, null, null, 1, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault(null, null, null, 1, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropsOrDuplicatesTheNextNotifications() {
        NotificationFaults faults = new NotificationFaults(1);
        faults.add(NotificationFault.dropNext(1));
        faults.add(NotificationFault.duplicateNext(1));

        assertThat(faults.decide().map(NotificationFault::action)).contains(NotificationFault.Action.DROP);
        assertThat(faults.decide().map(NotificationFault::action)).contains(NotificationFault.Action.DUPLICATE);
        assertThat(faults.decide()).isEmpty();
    }
}
