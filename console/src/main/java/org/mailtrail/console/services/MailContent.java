package org.mailtrail.console.services;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An IMAP mail as interaction-matcher answers it for its interaction's "Open email" (read from the mail server by
 * mail-ingestor). Its HTML comes sanitised; the console sanitises it once more before showing it.
 *
 * @param date the Date header as the mail gives it
 * @param receivedDateTime when the mailbox received the mail
 * @param text the text/plain body, or the HTML body turned to text
 * @param html the HTML body; absent when the mail has none
 * @param attachments listed only: the console serves none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MailContent(
        String internetMessageId,
        String folder,
        String subject,
        Address from,
        Address sender,
        List<Address> to,
        List<Address> cc,
        String date,
        Instant receivedDateTime,
        List<Header> headers,
        String text,
        String html,
        List<Attachment> attachments) {

    public MailContent {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        headers = headers == null ? List.of() : List.copyOf(headers);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String name, String address) {

        /** "Name <address>", or the address alone. */
        @Override
        public String toString() {
            return name == null || name.isBlank() ? String.valueOf(address) : name + " <" + address + ">";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Header(String name, String value) {
    }

    /** @param size in bytes; absent when unknown */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String name, String contentType, Long size) {
    }
}
