package org.mailtrail.emulator.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Decides, notification by notification, whether one is dropped or duplicated. */
public final class NotificationFaults {

    private static final class Rule {
        final NotificationFault fault;
        Integer remaining;

        Rule(NotificationFault fault) {
            this.fault = fault;
            this.remaining = fault.count();
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Random random;

    public NotificationFaults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized void add(NotificationFault fault) {
        rules.add(new Rule(fault));
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<NotificationFault> active() {
        return rules.stream().map(rule -> new NotificationFault(rule.fault.action(), rule.remaining, rule.fault.fraction(),
                rule.fault.deliveries())).toList();
    }

    public synchronized Optional<NotificationFault> decide() {
        for (Rule rule : new ArrayList<>(rules)) {
            double fraction = rule.fault.fraction() == null ? 1.0 : rule.fault.fraction();
            if (fraction < 1.0 && random.nextDouble() >= fraction) {
                continue;
            }
            if (rule.remaining != null && --rule.remaining <= 0) {
                rules.remove(rule);
            }
            return Optional.of(rule.fault);
        }
        return Optional.empty();
    }
}
