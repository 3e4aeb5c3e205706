package org.mailtrail.matcher.directory.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.mailtrail.events.directory.ContactType;
import org.mailtrail.events.interaction.MatchedBy;

/**
 * Every address of the directory in hash maps, so a lookup costs the same with ten contacts as
 * with a hundred thousand. The few entries that share one address are kept sorted by the rule
 * that decides between them, so resolving a shared address is deterministic and needs no search.
 * Readers (matching) and writers (directory updates) may run on different threads: a
 * read-write lock keeps every lookup consistent with one whole update.
 */
public final class AddressIndex implements DirectoryLookup {

    /** One contact holding one address, primary or alternate. */
    private record Holder(String contactId, boolean primary) {
    }

    private static final Comparator<Holder> RESOLUTION_ORDER = Comparator
            .comparing((Holder holder) -> !holder.primary()).thenComparing(Holder::contactId);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Contact> contacts = new HashMap<>();
    private final Map<String, Salesperson> salespeople = new HashMap<>();
    private final Map<String, List<Holder>> contactsByAddress = new HashMap<>();
    private final Map<String, List<String>> salespeopleByAddress = new HashMap<>();
    private final Map<String, List<String>> companiesByDomain = new HashMap<>();

    @Override
    public Optional<Salesperson> salespersonAt(String address) {
        return read(() -> {
            List<String> codes = salespeopleByAddress.get(address);
            return codes == null ? Optional.empty() : Optional.of(salespeople.get(codes.get(0)));
        });
    }

    /** Every salesperson with this address: who a signed-in person is, in the directory. */
    public List<String> salespersonCodesAt(String address) {
        return read(() -> List.copyOf(salespeopleByAddress.getOrDefault(address, List.of())));
    }

    @Override
    public Optional<ContactHit> contactAt(String address) {
        return read(() -> {
            List<Holder> holders = contactsByAddress.get(address);
            if (holders == null) {
                return Optional.empty();
            }
            Holder winner = holders.get(0);
            List<String> others = holders.stream().skip(1).map(Holder::contactId).distinct()
                    .filter(id -> !id.equals(winner.contactId())).toList();
            return Optional.of(new ContactHit(contacts.get(winner.contactId()),
                    winner.primary() ? MatchedBy.PRIMARY : MatchedBy.ALTERNATE, address, others));
        });
    }

    @Override
    public Optional<Contact> companyOwning(String domain) {
        return read(() -> {
            List<String> ids = companiesByDomain.get(domain);
            return ids == null ? Optional.empty() : Optional.of(contacts.get(ids.get(0)));
        });
    }

    public Optional<Contact> contact(String id) {
        return read(() -> Optional.ofNullable(contacts.get(id)));
    }

    public Optional<Salesperson> salesperson(String code) {
        return read(() -> Optional.ofNullable(salespeople.get(code)));
    }

    /** Adds or replaces contacts; a replaced contact's old addresses stop matching it. */
    public void putContacts(Collection<Contact> updated) {
        write(() -> updated.forEach(contact -> {
            unindex(contacts.put(contact.id(), contact));
            index(contact);
        }));
    }

    public void removeContact(String id) {
        removeContacts(List.of(id));
    }

    public void removeContacts(Collection<String> ids) {
        write(() -> ids.forEach(id -> unindex(contacts.remove(id))));
    }

    /** Removes every contact whose id is not in {@code ids}: after a rebuild, those MongoDB no longer has. */
    public void retainContacts(Set<String> ids) {
        removeContacts(read(() -> contacts.keySet().stream().filter(id -> !ids.contains(id)).toList()));
    }

    /** Adds or replaces salespeople; a replaced salesperson's old addresses stop matching it. */
    public void putSalespeople(Collection<Salesperson> updated) {
        write(() -> updated.forEach(salesperson -> {
            unindex(salespeople.put(salesperson.code(), salesperson));
            salesperson.addresses().forEach(address -> add(salespeopleByAddress, address, salesperson.code(),
                    Comparator.naturalOrder()));
        }));
    }

    public void removeSalesperson(String code) {
        removeSalespeople(List.of(code));
    }

    public void removeSalespeople(Collection<String> codes) {
        write(() -> codes.forEach(code -> unindex(salespeople.remove(code))));
    }

    /** Removes every salesperson whose code is not in {@code codes}. */
    public void retainSalespeople(Set<String> codes) {
        removeSalespeople(read(() -> salespeople.keySet().stream().filter(code -> !codes.contains(code)).toList()));
    }

    /** Whether no mail can be logged yet: the directory has no contacts or no salespeople. */
    public boolean isEmpty() {
        return contactCount() == 0 || salespersonCount() == 0;
    }

    public int contactCount() {
        return read(contacts::size);
    }

    public int salespersonCount() {
        return read(salespeople::size);
    }

    /** Distinct addresses that match a contact or a salesperson. */
    public int addressCount() {
        return read(() -> contactsByAddress.size() + salespeopleByAddress.size());
    }

    private void index(Contact contact) {
        if (contact.primaryAddress() != null) {
            add(contactsByAddress, contact.primaryAddress(), new Holder(contact.id(), true), RESOLUTION_ORDER);
        }
        contact.alternateAddresses().forEach(address -> add(contactsByAddress, address,
                new Holder(contact.id(), false), RESOLUTION_ORDER));
        if (contact.type() == ContactType.COMPANY) {
            ownedDomains(contact).forEach(domain -> add(companiesByDomain, domain, contact.id(),
                    Comparator.naturalOrder()));
        }
    }

    private void unindex(Contact previous) {
        if (previous == null) {
            return;
        }
        if (previous.primaryAddress() != null) {
            remove(contactsByAddress, previous.primaryAddress(), new Holder(previous.id(), true));
        }
        previous.alternateAddresses().forEach(address -> remove(contactsByAddress, address,
                new Holder(previous.id(), false)));
        if (previous.type() == ContactType.COMPANY) {
            ownedDomains(previous).forEach(domain -> remove(companiesByDomain, domain, previous.id()));
        }
    }

    private void unindex(Salesperson previous) {
        if (previous != null) {
            previous.addresses().forEach(address -> remove(salespeopleByAddress, address, previous.code()));
        }
    }

    private static List<String> ownedDomains(Contact company) {
        return company.addresses().stream().map(Addresses::domainOf).filter(domain -> domain != null)
                .distinct().toList();
    }

    /** Entries per key are few (an address shared by two or three contacts), so copy-on-write is cheap. */
    private static <T> void add(Map<String, List<T>> map, String key, T entry, Comparator<? super T> order) {
        List<T> current = map.get(key);
        if (current == null) {
            map.put(key, List.of(entry));
            return;
        }
        if (current.contains(entry)) {
            return;
        }
        List<T> grown = new ArrayList<>(current.size() + 1);
        grown.addAll(current);
        grown.add(entry);
        grown.sort(order);
        map.put(key, List.copyOf(grown));
    }

    private static <T> void remove(Map<String, List<T>> map, String key, T entry) {
        List<T> current = map.get(key);
        if (current == null || !current.contains(entry)) {
            return;
        }
        if (current.size() == 1) {
            map.remove(key);
            return;
        }
        List<T> shrunk = new ArrayList<>(current);
        shrunk.remove(entry);
        map.put(key, List.copyOf(shrunk));
    }

    private <T> T read(Supplier<T> lookup) {
        lock.readLock().lock();
        try {
            return lookup.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(Runnable update) {
        lock.writeLock().lock();
        try {
            update.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
