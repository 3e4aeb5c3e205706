package org.mailtrail.matcher.testdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;

/** Builds MailReceived events the way mail-ingestor publishes them, with only what a test cares about spelled out. */
public final class Mails {

    public static final Instant SENT = Instant.parse("2026-11-27T09:14:58Z");
    public static final Instant RECEIVED = Instant.parse("2026-11-27T09:15:01Z");

    private String connectionId = "contoso-sales";
    private String internetMessageId = "<" + UUID.randomUUID() + "@contoso.com>";
    private String conversationId = "AAQk" + UUID.randomUUID();
    private EmailAddress sender;
    private EmailAddress from;
    private final List<EmailAddress> to = new ArrayList<>();
    private final List<EmailAddress> cc = new ArrayList<>();
    private String subject = "Quote for 40 units, delivery in Q1";
    private Instant sent = SENT;
    private Instant received = RECEIVED;
    private Instant occurredAt = RECEIVED.plusSeconds(1);
    private boolean draft;
    private boolean attachments;
    private String immutableId;
    private String inReplyTo;
    private List<String> references = List.of();
    private boolean imap;

    public static Mails mail() {
        return new Mails();
    }

    /** Sender and from alike, as for mail a person sends for themselves. */
    public Mails from(String address) {
        this.sender = address == null ? null : new EmailAddress(null, address);
        this.from = this.sender;
        return this;
    }

    /** Only the sender, for mail sent on someone else's behalf ({@code from} stays as it is). */
    public Mails sender(String address) {
        this.sender = address == null ? null : new EmailAddress(null, address);
        return this;
    }

    public Mails fromOnly(String address) {
        this.from = new EmailAddress(null, address);
        return this;
    }

    public Mails to(String... addresses) {
        for (String address : addresses) {
            to.add(new EmailAddress(null, address));
        }
        return this;
    }

    public Mails cc(String... addresses) {
        for (String address : addresses) {
            cc.add(new EmailAddress(null, address));
        }
        return this;
    }

    public Mails draft() {
        this.draft = true;
        return this;
    }

    public Mails connection(String connectionId) {
        this.connectionId = connectionId;
        return this;
    }

    public Mails id(String internetMessageId) {
        this.internetMessageId = internetMessageId;
        return this;
    }

    public Mails conversation(String conversationId) {
        this.conversationId = conversationId;
        return this;
    }

    /** Another message of the mailbox with the same internetMessageId: a further copy of the mail. */
    /** An immutable id of the test's choosing, for a stand-in that answers by it. */
    public Mails immutableId(String immutableId) {
        this.immutableId = immutableId;
        return this;
    }

    public Mails copy(String tag) {
        this.immutableId = "AAkALg" + Integer.toHexString(internetMessageId.hashCode()) + "-copy-" + tag;
        return this;
    }

    /** A reply's headers, which place it in its conversation when it has no conversationId. */
    public Mails inReplyTo(String inReplyTo, String... references) {
        this.inReplyTo = inReplyTo;
        this.references = List.of(references);
        return this;
    }

    public Mails subject(String subject) {
        this.subject = subject;
        return this;
    }

    public Mails sentAt(Instant sent) {
        this.sent = sent;
        return this;
    }

    public Mails receivedAt(Instant received) {
        this.received = received;
        return this;
    }

    public Mails occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    public Mails withAttachments() {
        this.attachments = true;
        return this;
    }

    /**
     * As mail-ingestor reads a mail from an IMAP server: an immutable id of its own ("imap-…"), the mail's IMAP URL
     * as its message id and link, no conversation id.
     */
    public Mails overImap() {
        this.imap = true;
        this.conversationId = null;
        return this;
    }

    /** The IMAP URL of a mail read over IMAP: UID 1 of the source folder. */
    public static String imapUrl(String immutableId) {
        return "imap://crm-log%40contoso.com@imap.contoso.com:993/INBOX;UIDVALIDITY=7/;UID="
                + Math.abs(immutableId.hashCode() % 100000);
    }

    public String internetMessageId() {
        return internetMessageId;
    }

    public MailReceived build() {
        String immutableId = this.immutableId != null ? this.immutableId
                : (imap ? "imap-" : "AAkALg") + Integer.toHexString(internetMessageId.hashCode());
        String messageId = imap ? imapUrl(immutableId) : "AAMk" + Integer.toHexString(internetMessageId.hashCode());
        String webLink = imap ? messageId
                : "https://outlook.office365.com/owa/?ItemID=" + immutableId + "&exvsurl=1&viewmodel=ReadMessageItem";
        return new MailReceived(EventIds.of(MailReceived.TYPE, connectionId, internetMessageId, immutableId), occurredAt, 1,
                connectionId, internetMessageId, messageId, immutableId, conversationId, sender, from, to, cc, subject, sent,
                received, draft, "Hi, as promised...", attachments, webLink, inReplyTo, references);
    }
}
