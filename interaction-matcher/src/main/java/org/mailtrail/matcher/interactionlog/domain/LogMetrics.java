package org.mailtrail.matcher.interactionlog.domain;

import java.time.Duration;
import java.time.Instant;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.matching.domain.ExclusionRule;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The log's business meters. Counted once per mail (a redelivery is not a new mail); latency is
 * measured from the mail's receivedDateTime (what a user waits) and from the MailReceived event's
 * time (what the matcher and the broker add), as histograms for percentiles across instances.
 */
@Component
public class LogMetrics {

    private final MeterRegistry meters;
    private final Timer sinceReceived;
    private final Timer sinceEvent;

    public LogMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.sinceReceived = latency("received", "From the mail's receivedDateTime to its interactions logged");
        this.sinceEvent = latency("event", "From the MailReceived event's time to its interactions logged");
    }

    void processed(MailReceived mail, boolean logged, Instant now) {
        Counter.builder("mailtrail.mail.processed").tag("outcome", logged ? "logged" : "excluded")
                .description("Mails matched for the first time").register(meters).increment();
        record(sinceEvent, mail.occurredAt(), now);
        record(sinceReceived, mail.receivedDateTime(), now);
    }

    void logged(Direction direction, int interactions) {
        Counter.builder("mailtrail.interactions.logged").tag("direction", direction.name())
                .description("Interactions logged").register(meters).increment(interactions);
    }

    void excluded(ExclusionRule rule) {
        Counter.builder("mailtrail.mail.excluded").tag("rule", rule.name())
                .description("Mails not logged, by the rule that excluded them").register(meters).increment();
    }

    void filed(MailState state) {
        Counter.builder("mailtrail.mail.filed").tag("state", state.name())
                .description("What the ingestor reported doing with a mail").register(meters).increment();
    }

    void copy() {
        Counter.builder("mailtrail.mail.copies").description("Further copies of a mail already received")
                .register(meters).increment();
    }

    void loggedLate(String cause) {
        Counter.builder("mailtrail.mail.logged.late").tag("cause", cause)
                .description("Held mails logged once the directory knew their participants").register(meters)
                .increment();
    }

    void heldMailExpired(String then) {
        Counter.builder("mailtrail.mail.hold.expired").tag("then", then)
                .description("Held mails whose retention ended, by what the connection's policy did then")
                .register(meters).increment();
    }

    void linkServed(String source) {
        meters.counter("mailtrail.links.served", "source", source).increment();
    }

    /** An IMAP mail opened: {@code content}, or the problem type that stood in its way. */
    void mailOpened(String outcome) {
        meters.counter("mailtrail.mail.opened", "outcome", outcome).increment();
    }

    private Timer latency(String since, String description) {
        return Timer.builder("mailtrail.mail.processing.latency").tag("since", since).description(description)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(meters);
    }

    private static void record(Timer timer, Instant from, Instant now) {
        if (from != null) {
            // Clocks of the mail server, the ingestor and this host differ slightly; never record below zero.
            timer.record(Duration.between(from, now).isNegative() ? Duration.ZERO : Duration.between(from, now));
        }
    }
}
