package org.mailtrail.events.mail;

/**
 * The Kafka key of everything about one mail: the connection and the mail's
 * internetMessageId, which is the same in every mailbox and across moves.
 */
public final class MailKeys {

    public static String of(String connectionId, String internetMessageId) {
        return connectionId + "/" + internetMessageId;
    }

    private MailKeys() {
    }
}
