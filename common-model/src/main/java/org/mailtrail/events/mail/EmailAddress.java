package org.mailtrail.events.mail;

import java.util.Objects;

/** A participant of a mail as Graph gives it: a display name and an address, both as written. */
public record EmailAddress(String name, String address) {

    public EmailAddress {
        Objects.requireNonNull(address, "address");
    }
}
