package org.mailtrail.matcher.directory.domain;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.mailtrail.matcher.directory.store.DirectoryStore;
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
 * created, before any binding starts consuming mail.
 */
@Service
public class DirectoryService {

    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);

    /** From this many entries on, an upsert is a bulk import worth a line in the log. */
    private static final int BULK = 1_000;

    private final DirectoryStore store;
    private final AddressIndex index;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Lock writes = new ReentrantLock();
    private final Counter contactsUpdated;
    private final Counter salespeopleUpdated;

    public DirectoryService(DirectoryStore store, AddressIndex index, Clock clock, MeterRegistry meters,
            ApplicationEventPublisher events) {
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.events = events;
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
        rebuildIndex();
    }

    /** Upserts by id; where one id comes twice, the later entry wins, in MongoDB and in the index alike. */
    public void upsertContacts(List<Contact> updated) {
        List<Contact> contacts = lastPerKey(updated, Contact::id);
        locked(() -> {
            long started = System.nanoTime();
            store.upsertContacts(contacts, clock.instant());
            long stored = System.nanoTime();
            index.putContacts(contacts);
            if (contacts.size() >= BULK) {
                log.info("Upserted {} contacts: MongoDB {} ms, address index {} ms", contacts.size(),
                        (stored - started) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
            }
        });
        contactsUpdated.increment(contacts.size());
        changed(contacts.stream().flatMap(contact -> contact.addresses().stream()).toList());
    }

    public void deleteContact(String id) {
        locked(() -> {
            store.deleteContact(id);
            index.removeContact(id);
        });
        contactsUpdated.increment();
    }

    /** Upserts by code; where one code comes twice, the later entry wins. */
    public void upsertSalespeople(List<Salesperson> updated) {
        List<Salesperson> salespeople = lastPerKey(updated, Salesperson::code);
        locked(() -> {
            store.upsertSalespeople(salespeople, clock.instant());
            index.putSalespeople(salespeople);
        });
        salespeopleUpdated.increment(salespeople.size());
        changed(salespeople.stream().flatMap(salesperson -> salesperson.addresses().stream()).toList());
    }

    /** Tells whoever waits on the directory (held mail) which addresses it knows now. */
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
            events.publishEvent(new DirectoryChanged(normalized, domains));
        }
    }

    public void deleteSalesperson(String code) {
        locked(() -> {
            store.deleteSalesperson(code);
            index.removeSalesperson(code);
        });
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

    private void rebuildIndex() {
        long started = System.nanoTime();
        store.forEachContactBatch(index::putContacts);
        store.forEachSalespersonBatch(index::putSalespeople);
        log.info("Address index rebuilt from MongoDB: {} contacts, {} salespeople, {} addresses in {} ms",
                index.contactCount(), index.salespersonCount(), index.addressCount(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** An unordered bulk write may apply two writes to one document in either order, so repeats are dropped first. */
    private static <T> List<T> lastPerKey(List<T> entries, Function<T, String> key) {
        Map<String, T> last = new LinkedHashMap<>();
        entries.forEach(entry -> last.put(key.apply(entry), entry));
        return last.size() == entries.size() ? entries : List.copyOf(last.values());
    }

    private void locked(Runnable write) {
        writes.lock();
        try {
            write.run();
        } finally {
            writes.unlock();
        }
    }
}
