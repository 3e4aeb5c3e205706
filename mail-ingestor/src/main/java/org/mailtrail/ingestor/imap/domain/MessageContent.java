package org.mailtrail.ingestor.imap.domain;

import java.time.Instant;
import java.util.List;

import org.mailtrail.events.mail.EmailAddress;

/**
 * An IMAP mail as the console shows it: its headers, its text, its HTML made safe to show, and its attachments
 * listed (never served).
 *
 * @param text the text/plain body, or the HTML body turned to text
 * @param html the HTML body sanitised: no scripts, images, styles, or links other than http, https and mailto;
 *        absent when the mail has no HTML part
 */
public record MessageContent(String internetMessageId, String folder, long uid, String imapUrl, String subject,
        EmailAddress from, EmailAddress sender, List<EmailAddress> to, List<EmailAddress> cc, Instant date,
        Instant receivedDateTime, List<Header> headers, String text, String html, List<Attachment> attachments) {

    public record Header(String name, String value) {
    }

    public record Attachment(String name, String contentType, long size) {
    }
}
