package org.mailtrail.emulator.mailbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mail to deliver into a mailbox, as the BCC mail-flow rule would: the copy keeps the original sender and
 * recipients. Anything left out gets a plausible value at delivery (ids, times, preview).
 *
 * @param folder      well-known name or id of the folder to deliver into; {@code inbox} when {@code null}
 * @param sender      the sending mailbox; defaults to {@code from}
 * @param bodyContentType {@code html} or {@code text}; {@code text} when {@code null}
 */
public record Mail(String folder, String subject, EmailAddress from, EmailAddress sender, List<EmailAddress> toRecipients,
                   List<EmailAddress> ccRecipients, List<EmailAddress> bccRecipients, List<EmailAddress> replyTo,
                   String body, String bodyContentType, Instant sentDateTime, Instant receivedDateTime,
                   String internetMessageId, String conversationId, Boolean isDraft, Boolean isRead,
                   Boolean hasAttachments, String importance, List<String> categories) {

    public Mail {
        toRecipients = toRecipients == null ? List.of() : List.copyOf(toRecipients);
        ccRecipients = ccRecipients == null ? List.of() : List.copyOf(ccRecipients);
        bccRecipients = bccRecipients == null ? List.of() : List.copyOf(bccRecipients);
        replyTo = replyTo == null ? List.of() : List.copyOf(replyTo);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Mail inFolder(String value) {
        return new Mail(value, subject, from, sender, toRecipients, ccRecipients, bccRecipients, replyTo, body,
                bodyContentType, sentDateTime, receivedDateTime, internetMessageId, conversationId, isDraft, isRead,
                hasAttachments, importance, categories);
    }

    /** Builds a {@link Mail}; addresses may be given as {@code "Name <a@b>"}. */
    public static final class Builder {
        private String folder;
        private String subject;
        private EmailAddress from;
        private EmailAddress sender;
        private final List<EmailAddress> to = new ArrayList<>();
        private final List<EmailAddress> cc = new ArrayList<>();
        private final List<EmailAddress> bcc = new ArrayList<>();
        private final List<EmailAddress> replyTo = new ArrayList<>();
        private String body;
        private String bodyContentType;
        private Instant sent;
        private Instant received;
        private String internetMessageId;
        private String conversationId;
        private Boolean draft;
        private Boolean read;
        private Boolean attachments;
        private String importance;
        private final List<String> categories = new ArrayList<>();

        public Builder folder(String value) {
            folder = value;
            return this;
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder from(String value) {
            from = EmailAddress.parse(value);
            return this;
        }

        public Builder sender(String value) {
            sender = EmailAddress.parse(value);
            return this;
        }

        public Builder to(String... values) {
            Arrays.stream(values).map(EmailAddress::parse).forEach(to::add);
            return this;
        }

        public Builder cc(String... values) {
            Arrays.stream(values).map(EmailAddress::parse).forEach(cc::add);
            return this;
        }

        public Builder bcc(String... values) {
            Arrays.stream(values).map(EmailAddress::parse).forEach(bcc::add);
            return this;
        }

        public Builder replyTo(String... values) {
            Arrays.stream(values).map(EmailAddress::parse).forEach(replyTo::add);
            return this;
        }

        public Builder body(String value) {
            body = value;
            return this;
        }

        public Builder htmlBody(String value) {
            body = value;
            bodyContentType = "html";
            return this;
        }

        public Builder sentDateTime(Instant value) {
            sent = value;
            return this;
        }

        public Builder receivedDateTime(Instant value) {
            received = value;
            return this;
        }

        public Builder internetMessageId(String value) {
            internetMessageId = value;
            return this;
        }

        public Builder conversationId(String value) {
            conversationId = value;
            return this;
        }

        public Builder draft(boolean value) {
            draft = value;
            return this;
        }

        public Builder read(boolean value) {
            read = value;
            return this;
        }

        public Builder hasAttachments(boolean value) {
            attachments = value;
            return this;
        }

        public Builder importance(String value) {
            importance = value;
            return this;
        }

        public Builder categories(String... values) {
            categories.addAll(Arrays.asList(values));
            return this;
        }

        public Mail build() {
            return new Mail(folder, subject, from, sender, to, cc, bcc, replyTo, body, bodyContentType, sent, received,
                    internetMessageId, conversationId, draft, read, attachments, importance, categories);
        }
    }
}
