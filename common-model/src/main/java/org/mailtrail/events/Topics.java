package org.mailtrail.events;

import java.util.List;

/** Every Kafka topic mailtrail writes or reads; the names are part of the contract. */
public final class Topics {

    /** Mailbox connections, keyed by connectionId; compacted, a tombstone on delete. */
    public static final String CONNECTIONS = "config.connections.v1";
    /** Mail read from a connection's Inbox, keyed by connectionId/internetMessageId. */
    public static final String MAIL_RECEIVED = "mail.received.v1";
    /** What to do with a mail in the mailbox, keyed by connectionId so one consumer batches a mailbox. */
    public static final String MAIL_DISPOSITION = "mail.disposition.v1";
    /** What was done with a mail in the mailbox, keyed by connectionId/internetMessageId. */
    public static final String MAIL_ARCHIVED = "mail.archived.v1";
    /** Contacts from the CRM/ERP, keyed by contactId; compacted, a tombstone on delete. */
    public static final String DIRECTORY_CONTACTS = "directory.contacts.v1";
    /** Salespeople from the CRM/ERP, keyed by salespersonCode; compacted, a tombstone on delete. */
    public static final String DIRECTORY_SALESPEOPLE = "directory.salespeople.v1";
    /** The interaction log, keyed by contactId so each contact's entries stay in order. */
    public static final String INTERACTION_EVENTS = "interaction.events.v1";
    /** Commands to the opportunity service, keyed by interactionId so one interaction's commands are serialized. */
    public static final String OPPORTUNITY_COMMANDS = "opportunity.commands.v1";
    /** Opportunities, keyed by opportunityId (rejections by interactionId). */
    public static final String OPPORTUNITY_EVENTS = "opportunity.events.v1";

    /** Topics whose latest record per key is the state: they are compacted and carry tombstones. */
    public static final List<String> COMPACTED = List.of(CONNECTIONS, DIRECTORY_CONTACTS, DIRECTORY_SALESPEOPLE);

    public static final List<String> ALL = List.of(CONNECTIONS, MAIL_RECEIVED, MAIL_DISPOSITION, MAIL_ARCHIVED,
            DIRECTORY_CONTACTS, DIRECTORY_SALESPEOPLE, INTERACTION_EVENTS, OPPORTUNITY_COMMANDS, OPPORTUNITY_EVENTS);

    /** The dead-letter topic of a consumer group on a topic, as every binding names it. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlq";
    }

    /**
     * The dead-letter topic of every consumer binding of the services, declared like the contract's topics (a check
     * holds this list to the bindings). The matcher reads its own mail dead letters to count them, so that binding
     * has a dead-letter topic of its own.
     */
    public static final List<String> DEAD_LETTERS = List.of(
            deadLetter(CONNECTIONS, "mail-ingestor"),
            deadLetter(MAIL_DISPOSITION, "mail-ingestor"),
            deadLetter(CONNECTIONS, "interaction-matcher"),
            deadLetter(MAIL_RECEIVED, "interaction-matcher"),
            deadLetter(deadLetter(MAIL_RECEIVED, "interaction-matcher"), "interaction-matcher"),
            deadLetter(MAIL_ARCHIVED, "interaction-matcher"),
            deadLetter(OPPORTUNITY_EVENTS, "interaction-matcher"),
            deadLetter(DIRECTORY_CONTACTS, "interaction-matcher"),
            deadLetter(DIRECTORY_SALESPEOPLE, "interaction-matcher"),
            deadLetter(INTERACTION_EVENTS, "opportunity-service"),
            deadLetter(OPPORTUNITY_COMMANDS, "opportunity-service"));

    private Topics() {
    }
}
