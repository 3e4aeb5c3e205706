package org.mailtrail.matcher.directory.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.matcher.directory.store.DirectoryRevisionStore;
import org.mailtrail.matcher.directory.store.DirectoryStore;
import org.mailtrail.platform.scheduling.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way into the directory, for the CRM's topics and the REST import alike. Every change is
 * written to MongoDB first and then to the address index; writes are serialized so that the index
 * always ends in the state MongoDB ends in. The index is rebuilt from MongoDB when this bean is
 * created, before any binding starts consuming mail, and every
 * {@code mailtrail.matcher.directory-refresh-interval} it takes what other instances wrote (see
 * {@link DirectorySync}): each instance's index follows MongoDB, whichever instance a change
 * reached. Only the instance that made a change tells held mail about it, twice: at once, and again when every
 * other instance has had two refreshes to take the change in, for mail that another instance held in between
 * because it did not know the change yet.
 */
@Service
public class DirectoryService {

    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);

    /** From this many entries on, an upsert is a bulk import worth a line in the log. */
    private static final int BULK = 1_000;
    /**
     * How long finished revisions and deleted entries are kept: an instance whose index is older than that rebuilds
     * it from MongoDB, as it does when it starts.
     */
    static final Duration RETENTION = Duration.ofDays(1);
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final DirectoryStore store;
    private final AddressIndex index;
    private final DirectorySync sync;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final Timers timers;
    /** When every instance has taken a change into its index: two of their refreshes and a second to spare. */
    private final Duration everyInstanceKnows;
    private final Counter contactsUpdated;
    private final Counter salespeopleUpdated;

    public DirectoryService(DirectoryStore store, DirectoryRevisionStore revisions, AddressIndex index, Clock clock,
            MeterRegistry meters, ApplicationEventPublisher events, Timers timers, MatcherProperties properties) {
        this.store = store;
        this.index = index;
        this.sync = new DirectorySync(store, revisions, index, clock);
        this.clock = clock;
        this.meters = meters;
        this.events = events;
        this.timers = timers;
        this.everyInstanceKnows = properties.directoryRefreshInterval().multipliedBy(2).plusSeconds(1);
        this.contactsUpdated = Counter.builder("mailtrail.directory.updated").tag("kind", "contact")
                .description("Contacts upserted or deleted, from the topic or the API").register(meters);
        this.salespeopleUpdated = Counter.builder("mailtrail.directory.updated").tag("kind", "salesperson")
                .description("Salespeople upserted or deleted, from the topic or the API").register(meters);
        Gauge.builder("mailtrail.directory.size", index, AddressIndex::contactCount).tag("kind", "contacts")
                .register(meters);
        Gauge.builder("mailtrail.directory.size", index, AddressIndex::salespersonCount).tag("kind", "salespeople")
                .register(meters);
        Gauge.builder("mailtrail.directory.size", index, AddressIndex::addressCount).tag("kind", "addresses")
                .register(meters);
        Gauge.builder("mailtrail.directory.revision", sync, DirectorySync::applied).tag("state", "applied")
                .description("Every directory revision up to this one is in this instance's address index")
                .register(meters);
        Gauge.builder("mailtrail.directory.revision", sync, DirectorySync::latest).tag("state", "latest")
                .description("The highest directory revision this instance knows was written, by any instance")
                .register(meters);
        rebuildIndex();
        timers.every("directory refresh", properties.directoryRefreshInterval(), this::refresh);
        timers.every("directory pruning", PRUNE_INTERVAL, this::prune);
    }

    /** Upserts by id; where one id comes twice, the later entry wins, in MongoDB and in the index alike. */
    public void upsertContacts(List<Contact> updated) {
        List<Contact> contacts = lastPerKey(updated, Contact::id);
        if (contacts.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        sync.write(revision -> store.upsertContacts(contacts, revision, clock.instant()),
                () -> index.putContacts(contacts));
        if (contacts.size() >= BULK) {
            log.info("Upserted {} contacts in {} ms", contacts.size(), (System.nanoTime() - started) / 1_000_000);
        }
        contactsUpdated.increment(contacts.size());
        changed(contacts.stream().flatMap(contact -> contact.addresses().stream()).toList());
    }

    public void deleteContact(String id) {
        sync.write(revision -> store.deleteContact(id, revision, clock.instant()), () -> index.removeContact(id));
        contactsUpdated.increment();
    }

    /** Upserts by code; where one code comes twice, the later entry wins. */
    public void upsertSalespeople(List<Salesperson> updated) {
        List<Salesperson> salespeople = lastPerKey(updated, Salesperson::code);
        if (salespeople.isEmpty()) {
            return;
        }
        sync.write(revision -> store.upsertSalespeople(salespeople, revision, clock.instant()),
                () -> index.putSalespeople(salespeople));
        salespeopleUpdated.increment(salespeople.size());
        changed(salespeople.stream().flatMap(salesperson -> salesperson.addresses().stream()).toList());
    }

    /**
     * Tells whoever waits on the directory (held mail) which addresses it knows now, and tells it again once every
     * instance knows them: until its next refresh another instance matches against the directory before the change
     * and may hold mail the change would have logged.
     */
    private void changed(List<String> addresses) {
        Set<String> normalized = new TreeSet<>();
        Set<String> domains = new TreeSet<>();
        for (String address : addresses) {
            String one = Addresses.normalize(address);
            if (one != null) {
                normalized.add(one);
                String domain = Addresses.domainOf(one);
                if (domain != null) {
                    domains.add(domain);
                }
            }
        }
        if (!normalized.isEmpty()) {
            DirectoryChanged change = new DirectoryChanged(normalized, domains);
            events.publishEvent(change);
            timers.after("held mail matched again once every instance knows a directory change", everyInstanceKnows,
                    () -> events.publishEvent(change));
        }
    }

    public void deleteSalesperson(String code) {
        sync.write(revision -> store.deleteSalesperson(code, revision, clock.instant()),
                () -> index.removeSalesperson(code));
        salespeopleUpdated.increment();
    }

    /** A contact as matching sees it now. */
    public Contact contact(String id) {
        return index.contact(id).orElseThrow(() -> new ContactNotFoundException(id));
    }

    /** A salesperson as matching sees it now. */
    public Salesperson salesperson(String code) {
        return index.salesperson(code).orElseThrow(() -> new SalespersonNotFoundException(code));
    }

    /**
     * The salespeople a signed-in person is, by the addresses its token names: normally one, none for a person who
     * is not a salesperson, several when the directory gives two salespeople one address.
     */
    public Set<String> salespersonCodesOf(Collection<String> addresses) {
        Set<String> codes = new TreeSet<>();
        for (String address : addresses) {
            String normalized = Addresses.normalize(address);
            if (normalized != null) {
                codes.addAll(index.salespersonCodesAt(normalized));
            }
        }
        return codes;
    }

    public DirectorySummary summary() {
        return new DirectorySummary(index.contactCount(), index.salespersonCount(), index.addressCount());
    }

    /** Takes what other instances wrote since the last refresh. */
    void refresh() {
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            outcome = sync.refresh().name().toLowerCase(Locale.ROOT);
        } finally {
            meters.timer("mailtrail.directory.refreshed", "outcome", outcome).record(System.nanoTime() - started,
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Forgets the revisions and the deleted entries older than the retention. */
    void prune() {
        sync.prune(clock.instant().minus(RETENTION));
    }

    private void rebuildIndex() {
        long started = System.nanoTime();
        sync.rebuild();
        log.info("Address index rebuilt from MongoDB up to directory revision {}: {} contacts, {} salespeople, "
                + "{} addresses in {} ms", sync.applied(), index.contactCount(), index.salespersonCount(),
                index.addressCount(), (System.nanoTime() - started) / 1_000_000);
    }

    /** An unordered bulk write may apply two writes to one document in either order, so repeats are dropped first. */
    private static <T> List<T> lastPerKey(List<T> entries, Function<T, String> key) {
        Map<String, T> last = new LinkedHashMap<>();
        entries.forEach(entry -> last.put(key.apply(entry), entry));
        return last.size() == entries.size() ? entries : List.copyOf(last.values());
    }
}
