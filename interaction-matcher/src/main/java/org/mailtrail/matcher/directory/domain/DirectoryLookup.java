package org.mailtrail.matcher.directory.domain;

import java.util.Optional;

/** Finds salespeople and contacts by normalized address, each lookup in constant time. */
public interface DirectoryLookup {

    /** The salesperson with the address; several share it → the lowest code. */
    Optional<Salesperson> salespersonAt(String address);

    /**
     * The contact with the address: a primary address beats an alternate one, then the lowest
     * contact id wins, as Business Central's first hit in "Search E-Mail" order does.
     */
    Optional<ContactHit> contactAt(String address);

    /** The company contact that owns a domain through one of its own addresses; several → the lowest id. */
    Optional<Contact> companyOwning(String domain);
}
