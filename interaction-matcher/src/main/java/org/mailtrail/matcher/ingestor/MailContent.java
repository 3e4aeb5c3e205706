package org.mailtrail.matcher.ingestor;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An IMAP mail as mail-ingestor reads it for a person to open: passed on to the person as it came, so the API's
 * readers see the ingestor's shape. The HTML is already sanitised by the ingestor (no scripts, no images, no styles,
 * only http, https and mailto links); attachments are listed, never served.
 *
 * @param folder the folder the mail is in now
 * @param imapUrl where the mail is now (RFC 5092); no browser opens it
 * @param date the Date header as the mail gives it
 * @param receivedDateTime when the mailbox received it (INTERNALDATE)
 * @param headers the headers worth showing (Date, From, Sender, To, Cc, Subject, Message-ID, In-Reply-To,
 *        References, Reply-To), in the mail's order
 * @param text the text/plain body, or the HTML body turned to text
 * @param html the sanitised HTML body; absent when the mail has no HTML part
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MailContent(
        String internetMessageId,
        String folder,
        Long uid,
        String imapUrl,
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

    /** A participant: the display name as the header gives it (may be absent) and the address. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String name, String address) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Address {
        }

        /** A participant the ingestor names by its address alone. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Address of(String address) {
            return new Address(null, address);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Header(String name, String value) {
    }

    /** @param size in bytes, as the mail's structure gives it; absent when unknown */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String name, String contentType, Long size) {
    }
}
