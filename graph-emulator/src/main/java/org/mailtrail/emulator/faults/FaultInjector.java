package org.mailtrail.emulator.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Holds the active faults and decides, request by request, which of them strike. */
public final class FaultInjector {

    /** What to do to one request: wait {@code delayMillis}, then answer {@code status} unless it is {@code null}. */
    public record Outcome(long delayMillis, Integer status, Integer retryAfterSeconds) {
        static final Outcome NONE = new Outcome(0, null, null);

        public boolean none() {
            return delayMillis == 0 && status == null;
        }
    }

    /** An active fault with its id and what is left of its count. */
    public record Active(long id, Fault fault, Integer remaining) {
    }

    private static final class Rule {
        final long id;
        final Fault fault;
        final Pattern pattern;
        Integer remaining;

        Rule(long id, Fault fault) {
            this.id = id;
            this.fault = fault;
            this.pattern = fault.match() == null ? null : Pattern.compile(fault.match());
            this.remaining = fault.count();
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final List<Rule> rules = new ArrayList<>();
    private final Random random;

    /** @param seed makes fractional faults repeatable from run to run */
    public FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    public synchronized long add(Fault fault) {
        Rule rule = new Rule(ids.incrementAndGet(), fault);
        rules.add(rule);
        return rule.id;
    }

    public synchronized boolean remove(long id) {
        return rules.removeIf(rule -> rule.id == id);
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<Active> active() {
        return rules.stream().map(rule -> new Active(rule.id, rule.fault, rule.remaining)).toList();
    }

    /**
     * Picks the faults that strike this request. Delays add up; the first striking status wins. Counts only go
     * down for faults that struck.
     */
    public synchronized Outcome decide(String method, String pathAndQuery) {
        if (rules.isEmpty()) {
            return Outcome.NONE;
        }
        String subject = method + " " + pathAndQuery;
        long delay = 0;
        Integer status = null;
        Integer retryAfter = null;
        for (Rule rule : new ArrayList<>(rules)) {
            if (rule.pattern != null && !rule.pattern.matcher(subject).find()) {
                continue;
            }
            if (status != null && rule.fault.status() != null) {
                continue;
            }
            double fraction = rule.fault.fraction() == null ? 1.0 : rule.fault.fraction();
            if (fraction < 1.0 && random.nextDouble() >= fraction) {
                continue;
            }
            if (rule.fault.delayMillis() != null) {
                delay += rule.fault.delayMillis();
            }
            if (rule.fault.status() != null) {
                status = rule.fault.status();
                retryAfter = rule.fault.retryAfterSeconds();
            }
            if (rule.remaining != null && --rule.remaining <= 0) {
                rules.remove(rule);
            }
        }
        return new Outcome(delay, status, retryAfter);
    }
}
