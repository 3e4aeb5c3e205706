package org.mailtrail.emulator.mailbox;

/** Told about every change to a mailbox's messages; subscriptions turn these into notifications. */
@FunctionalInterface
public interface MailboxListener {

    void changed(MessageChange change);
}
