package org.mailtrail.emulator.mailbox;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A name and an address, as in Graph's {@code emailAddress}; parses {@code "Name <a@b>"} or a bare address. */
public record EmailAddress(String name, String address) {

    private static final Pattern NAMED = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]+)>\\s*$");

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public EmailAddress {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("an email address needs an address");
        }
        address = address.trim();
        name = name == null || name.isBlank() ? address : name.trim();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EmailAddress parse(String text) {
        Matcher named = NAMED.matcher(text);
        if (named.matches()) {
            return new EmailAddress(named.group(1), named.group(2));
        }
        return new EmailAddress(null, text.trim());
    }

    public String domain() {
        int at = address.indexOf('@');
        return at < 0 ? "example.com" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name.equals(address) ? address : name + " <" + address + ">";
    }
}
