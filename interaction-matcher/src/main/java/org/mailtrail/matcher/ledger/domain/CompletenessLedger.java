package org.mailtrail.matcher.ledger.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.mailtrail.matcher.connection.domain.ConnectionPolicies;
import org.mailtrail.matcher.directory.domain.AddressIndex;
import org.mailtrail.matcher.interactionlog.domain.InteractionReader;
import org.mailtrail.matcher.interactionlog.domain.MailCounts;
import org.mailtrail.matcher.interactionlog.domain.MailState;
import org.mailtrail.matcher.ledger.store.FailedMail;
import org.mailtrail.matcher.ledger.store.LedgerStore;
import org.mailtrail.matcher.matching.domain.ExclusionRule;
import org.mailtrail.platform.web.Cursor;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Accounts for every mail a connection received, copy by copy: logged (at once or late), excluded by a named rule,
 * held, or failed (dead-lettered and not matched since), and where the dispositions stand.
 */
@Service
public class CompletenessLedger {

    /** The connection of a dead letter without a key. */
    static final String UNKNOWN_CONNECTION = "(unknown)";
    /** The order of failures and of the cursors that page through them, whichever record they come from. */
    private static final Comparator<MailFailure> LATEST_FIRST = Comparator
            .comparing(MailFailure::failedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(MailFailure::id, Comparator.reverseOrder());

    private final InteractionReader log;
    private final AddressIndex directory;
    private final ConnectionPolicies connections;
    private final LedgerStore store;
    private final Clock clock;
    private final Counter failed;

    public CompletenessLedger(InteractionReader log, AddressIndex directory, ConnectionPolicies connections,
            LedgerStore store, Clock clock, MeterRegistry meters) {
        this.log = log;
        this.directory = directory;
        this.connections = connections;
        this.store = store;
        this.clock = clock;
        this.failed = Counter.builder("mailtrail.mail.failed")
                .description("MailReceived records that went to the dead-letter topic").register(meters);
    }

    /** Counts a mail that could not be processed against its connection; a dead letter read twice counts once. */
    public void recordFailedMail(DeadLetter deadLetter) {
        String key = deadLetter.key();
        int slash = key == null ? -1 : key.indexOf('/');
        store.recordFailure(new FailedMail(key != null ? key : deadLetter.position(),
                slash > 0 ? key.substring(0, slash) : UNKNOWN_CONNECTION, deadLetter.reason(),
                deadLetter.exceptionType(), clock.instant()));
        failed.increment();
    }

    /** The ledger of every connection that has received mail. */
    public List<ConnectionLedger> all() {
        return ledgers(null);
    }

    /**
     * The ledger of one connection; a connection configured but without mail yet has an empty one.
     *
     * @throws ConnectionNotFoundException for a connection neither configured nor seen in mail
     */
    public ConnectionLedger of(String connectionId) {
        return ledgers(connectionId).stream().findFirst()
                .or(() -> connections.find(connectionId).map(known -> empty(connectionId)))
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId));
    }

    /**
     * Up to {@code limit} + 1 of a connection's failed mails after the cursor, the latest first: those it counts as
     * {@code failed} (dead-lettered, not matched since) and those whose disposition failed in the mailbox.
     *
     * @throws ConnectionNotFoundException for a connection neither configured nor seen in mail
     */
    public List<MailFailure> failures(String connectionId, Cursor after, int limit) {
        List<MailFailure> found = new ArrayList<>(unmatchedDeadLetters(connectionId, after, limit + 1));
        log.failedDispositions(connectionId, after, limit).stream().map(MailFailure::mailbox).forEach(found::add);
        found.sort(LATEST_FIRST);
        if (found.isEmpty() && after == null) {
            of(connectionId);
        }
        return found.size() > limit + 1 ? List.copyOf(found.subList(0, limit + 1)) : found;
    }

    /**
     * Dead letters of the connection after the cursor, the latest first, leaving out those matched since; read in
     * batches until {@code wanted} are found, since any number in a row may have been matched.
     */
    private List<MailFailure> unmatchedDeadLetters(String connectionId, Cursor after, int wanted) {
        List<MailFailure> found = new ArrayList<>();
        Cursor from = after;
        while (found.size() < wanted) {
            List<FailedMail> batch = store.failures(connectionId, from, wanted);
            Set<String> matched = log.matched(batch.stream().map(FailedMail::id).toList());
            batch.stream().filter(failure -> !matched.contains(failure.id())).limit(wanted - found.size())
                    .map(MailFailure::processing).forEach(found::add);
            if (batch.size() < wanted) {
                break;
            }
            FailedMail last = batch.get(batch.size() - 1);
            from = new Cursor(last.failedAt(), last.id());
        }
        return found;
    }

    private List<ConnectionLedger> ledgers(String connectionId) {
        Map<String, MailCounts> counts = log.mailCounts(connectionId);
        Map<String, Long> failures = failedNeverMatched(connectionId);
        Set<String> names = new TreeSet<>(counts.keySet());
        names.addAll(failures.keySet());
        List<ConnectionLedger> ledgers = new ArrayList<>();
        for (String connection : names) {
            MailCounts mails = counts.getOrDefault(connection, MailCounts.NONE);
            Map<String, Long> byRule = zeroPerRule();
            byRule.putAll(mails.excludedByRule());
            long excluded = byRule.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Long> heldByRule = zeroPerHoldableRule();
            heldByRule.putAll(mails.heldByRule());
            long held = heldByRule.values().stream().mapToLong(Long::longValue).sum();
            long failedMails = failures.getOrDefault(connection, 0L);
            Map<String, Long> mailbox = new TreeMap<>();
            for (MailState state : MailState.values()) {
                mailbox.put(state.name(), mails.byState().getOrDefault(state.name(), 0L));
            }
            ledgers.add(new ConnectionLedger(connection, mails.logged() + excluded + held + failedMails,
                    mails.logged(), excluded, byRule, held, heldByRule, mails.loggedLate(), mails.copies(),
                    failedMails, mails.interactions(), mailbox, directory()));
        }
        return ledgers;
    }

    /** The ledger of a connection that has not received any mail yet. */
    private ConnectionLedger empty(String connectionId) {
        Map<String, Long> mailbox = new TreeMap<>();
        for (MailState state : MailState.values()) {
            mailbox.put(state.name(), 0L);
        }
        return new ConnectionLedger(connectionId, 0, 0, 0, zeroPerRule(), 0, zeroPerHoldableRule(), 0, 0, 0, 0,
                mailbox, directory());
    }

    private ConnectionLedger.Directory directory() {
        return new ConnectionLedger.Directory(directory.salespersonCount(), directory.contactCount(),
                directory.isEmpty());
    }

    /** Dead-lettered mails that were not matched later (an operator may have replayed them). */
    private Map<String, Long> failedNeverMatched(String connectionId) {
        List<FailedMail> failures = store.failures(connectionId);
        if (failures.isEmpty()) {
            return Map.of();
        }
        Set<String> matched = log.matched(failures.stream().map(FailedMail::id).toList());
        return failures.stream().filter(failure -> !matched.contains(failure.id()))
                .collect(Collectors.groupingBy(FailedMail::connectionId, Collectors.counting()));
    }

    /** The rules a mail is held by, so a ledger lists those with nothing held too. */
    private static Map<String, Long> zeroPerHoldableRule() {
        Map<String, Long> rules = new TreeMap<>();
        for (ExclusionRule rule : List.of(ExclusionRule.UNKNOWN_SENDER, ExclusionRule.CONTACT_TO_CONTACT,
                ExclusionRule.NO_CONTACT_RECIPIENT)) {
            rules.put(rule.name(), 0L);
        }
        return rules;
    }

    /** Every rule, so a ledger lists the rules with nothing excluded too. */
    private static Map<String, Long> zeroPerRule() {
        return Arrays.stream(ExclusionRule.values())
                .collect(Collectors.toMap(ExclusionRule::name, rule -> 0L, Long::sum, TreeMap::new));
    }
}
