package org.mailtrail.matcher.interactionlog.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mailtrail.events.ContractJson;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.matcher.connection.domain.ConnectionPolicies;
import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.mailtrail.matcher.directory.domain.AddressIndex;
import org.mailtrail.matcher.directory.domain.Addresses;
import org.mailtrail.matcher.directory.domain.DirectoryChanged;
import org.mailtrail.matcher.interactionlog.store.HeldMailDocument;
import org.mailtrail.matcher.interactionlog.store.HeldMailStore;
import org.mailtrail.matcher.interactionlog.store.LogStore;
import org.mailtrail.matcher.interactionlog.store.MessageDocument;
import org.mailtrail.matcher.matching.domain.Match;
import org.mailtrail.matcher.matching.domain.MatchingRules;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Mail that was not logged but may still be: held in the mailbox's hold folder, and matched again, by the same
 * rules, ids and idempotency as live mail, whenever the directory learns an address it involves, or when an
 * administrator re-runs matching over a period. A held mail that now qualifies is logged with its original time,
 * archived from the hold folder, and counted as logged late; its further copies follow it. When its retention
 * ends, the connection's policy for unmatched mail applies to it where it is; while the directory is empty it
 * stays held, since nothing is deleted then.
 */
@Service
public class HeldMail {

    public static final String DIRECTORY_CHANGE = "DIRECTORY_CHANGE";
    public static final String REMATCH = "REMATCH";

    private static final Logger log = LoggerFactory.getLogger(HeldMail.class);
    /** How many addresses one lookup of held mail names, so a large import makes several small queries. */
    private static final int ADDRESSES_PER_LOOKUP = 500;
    private static final int EXPIRED_PER_ROUND = 200;

    private final MatchingRules rules;
    private final AddressIndex directory;
    private final ConnectionPolicies connections;
    private final LogStore store;
    private final HeldMailStore held;
    private final LogWrites writes;
    private final ConversationLinks conversations;
    private final LogMetrics metrics;
    private final Clock clock;
    private final JsonMapper json = ContractJson.mapper();

    public HeldMail(AddressIndex directory, ConnectionPolicies connections, LogStore store, HeldMailStore held,
            LogWrites writes, ConversationLinks conversations, LogMetrics metrics, Clock clock, Timers timers,
            MatcherProperties properties) {
        this.rules = new MatchingRules(directory);
        this.directory = directory;
        this.connections = connections;
        this.store = store;
        this.held = held;
        this.writes = writes;
        this.conversations = conversations;
        this.metrics = metrics;
        this.clock = clock;
        Duration sweep = properties.holdSweepInterval();
        timers.every("end of retention of held mail", sweep, sweep, this::expire);
    }

    /** Keeps what a held mail's new matching needs; a repeat changes nothing that matters. */
    void hold(MailReceived mail, MessageDocument message) {
        Set<String> addresses = new LinkedHashSet<>();
        List<EmailAddress> participants = new ArrayList<>();
        participants.add(mail.sender());
        participants.add(mail.from());
        participants.addAll(mail.toRecipients());
        participants.addAll(mail.ccRecipients());
        Set<String> domains = new LinkedHashSet<>();
        for (EmailAddress participant : participants) {
            String address = participant == null ? null : Addresses.normalize(participant.address());
            if (address != null) {
                addresses.add(address);
                String domain = Addresses.domainOf(address);
                if (domain != null) {
                    domains.add(domain);
                }
            }
        }
        Instant receivedAt = mail.receivedDateTime() != null ? mail.receivedDateTime() : message.processedAt();
        held.hold(new HeldMailDocument(message.id(), mail.connectionId(), List.copyOf(addresses), List.copyOf(domains),
                receivedAt, message.heldSince(), message.decision().heldUntil(), json.writeValueAsString(mail)));
    }

    /** The directory learned addresses: held mail involving them (or their domains) is matched again. */
    @EventListener
    public void directoryChanged(DirectoryChanged changed) {
        List<String> addresses = List.copyOf(changed.addresses());
        List<String> domains = List.copyOf(changed.domains());
        int logged = 0;
        for (int from = 0; from < Math.max(addresses.size(), domains.size()); from += ADDRESSES_PER_LOOKUP) {
            List<String> someAddresses = addresses.subList(Math.min(from, addresses.size()),
                    Math.min(from + ADDRESSES_PER_LOOKUP, addresses.size()));
            List<String> someDomains = domains.subList(Math.min(from, domains.size()),
                    Math.min(from + ADDRESSES_PER_LOOKUP, domains.size()));
            for (HeldMailDocument mail : held.involving(someAddresses, someDomains)) {
                if (matchAgain(mail, DIRECTORY_CHANGE)) {
                    logged++;
                }
            }
        }
        if (logged > 0) {
            log.info("A directory change logged {} held mails late", logged);
        }
    }

    /**
     * Matches a held mail again; logs it late when it now qualifies.
     *
     * @return whether it was logged
     */
    boolean matchAgain(HeldMailDocument heldMail, String cause) {
        MailReceived mail = json.readValue(heldMail.mail(), MailReceived.class);
        ConnectionPolicy policy = connections.policyFor(mail.connectionId());
        if (!(rules.match(mail, policy.matchingPolicy()) instanceof Match.Logged logged)) {
            return false;
        }
        Instant now = clock.instant();
        MailDecision qualified = MailDecision.logged(mail, logged);
        Optional<MessageDocument> late = writes.decideAgain(heldMail.id(), read -> read.decision().isHeld()
                ? Optional.of(read.decidedAgain(read.decision().loggedLate(qualified), MailState.REQUESTED, now, cause))
                : Optional.empty());
        if (late.isEmpty()) {
            // Logged late or expired before: a repeat finishes what a crash may have left.
            store.findMessage(heldMail.id()).filter(MessageDocument::loggedLate)
                    .ifPresent(done -> finishLate(done, mail, policy, now));
            held.release(heldMail.id());
            return false;
        }
        finishLate(late.get(), mail, policy, now);
        held.release(heldMail.id());
        metrics.loggedLate(cause);
        return true;
    }

    /** Stores a late mail's interactions, links them to a promoted conversation, asks for the archive, copies too. */
    private void finishLate(MessageDocument message, MailReceived mail, ConnectionPolicy policy, Instant now) {
        List<Interaction> interactions = Interaction.decided(message.mail(), message.decision(),
                message.loggedLateAt(), true);
        store.insertMissing(writes.logged(interactions, message.heldSince(), message.lateCause()));
        conversations.follow(interactions, mail.inReplyTo(), mail.references());
        writes.queueAndPublish(message, message.loggedLateAt());
        followedByCopies(message, policy, now);
    }

    /** Ends the hold of every held mail whose retention ended, a batch per round. */
    void expire() {
        Instant now = clock.instant();
        for (HeldMailDocument mail : held.expiredBy(now, EXPIRED_PER_ROUND)) {
            if (directory.isEmpty()) {
                // Nothing is deleted while the directory is empty; the mail stays held until it has entries.
                return;
            }
            expire(mail, now);
        }
    }

    private void expire(HeldMailDocument heldMail, Instant now) {
        ConnectionPolicy policy = connections.policyFor(heldMail.connectionId());
        Optional<MessageDocument> expired = writes.decideAgain(heldMail.id(), read -> {
            if (!read.decision().isHeld()) {
                return Optional.empty();
            }
            MailDecision then = read.decision().expired(policy.unmatchedPolicy());
            return Optional.of(read.decidedAgain(then, then.initialState(), now, null));
        });
        expired.ifPresent(message -> {
            writes.queueAndPublish(message, now);
            followedByCopies(message, policy, now);
            metrics.heldMailExpired(message.decision().disposition().name());
        });
        held.release(heldMail.id());
    }

    /**
     * The further copies of a mail decided again follow it: a copy that was held with it is disposed of as the
     * connection says for copies; a copy that left already is only counted as the mail is now.
     */
    private void followedByCopies(MessageDocument first, ConnectionPolicy policy, Instant now) {
        for (String copyId : first.copyIds()) {
            writes.decideAgain(copyId, copy -> {
                if (copy.decision().outcome() == first.decision().outcome()) {
                    return Optional.empty();
                }
                if (copy.decision().disposition() != Disposition.HOLD) {
                    return Optional.of(copy.countedAs(first.decision(), now));
                }
                MailDecision decided = first.decision().forCopy(policy.copies() == CopyPolicy.DELETE,
                        directory.isEmpty());
                MailDecision fromHold = new MailDecision(decided.outcome(), decided.exclusionRule(),
                        decided.exclusionDetail(), decided.direction(), decided.interactionAt(), List.of(), List.of(),
                        decided.disposition(), decided.dispositionReason(), null, null,
                        copy.decision().holdFolder());
                return Optional.of(copy.decidedAgain(fromHold, fromHold.initialState(), now,
                        first.loggedLate() ? first.lateCause() : null));
            }).ifPresent(copy -> writes.queueAndPublish(copy, now));
        }
    }
}
