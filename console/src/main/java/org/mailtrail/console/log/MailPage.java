package org.mailtrail.console.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.mailtrail.console.services.MailContent;

/**
 * An IMAP mail as its page shows it. The HTML is sanitised here once more, whatever the services did before: a mail
 * is written by anyone, and the page is the console's, signed in. What survives is text and layout — no script, no
 * event handler, no style, no image (a remote one would tell the sender the mail was read), no frame or form, and
 * links only to http, https and mailto, each opened without a referrer.
 *
 * @param html the sanitised HTML body; absent when the mail has none, and the text is shown instead
 * @param headers the headers worth reading, in the mail's order (the main ones when the answer named none)
 */
record MailPage(String subject, String from, String to, String cc, String date, String received, String html,
        String text, List<MailContent.Header> headers, List<Attachment> attachments) {

    /** Every link of a mail: followed without a referrer, with no hold on this page, and endorsed by no one. */
    static final String LINK_REL = "noopener noreferrer nofollow";

    private static final Safelist SAFE = Safelist.relaxed()
            .removeTags("img")
            .removeProtocols("a", "href", "ftp")
            .removeAttributes("blockquote", "cite")
            .removeAttributes("q", "cite")
            .addEnforcedAttribute("a", "rel", LINK_REL);

    /** One attachment as listed: its name, its type and a size a person reads. */
    record Attachment(String name, String contentType, String size) {

        /** The type and the size, as far as known: "application/pdf, 18 KB". */
        public String details() {
            String details = Stream.of(contentType, size).filter(Objects::nonNull).collect(Collectors.joining(", "));
            return details.isEmpty() ? null : details;
        }
    }

    static MailPage of(MailContent mail) {
        String from = mail.from() == null ? null : mail.from().toString();
        List<MailContent.Header> headers = mail.headers().isEmpty() ? mainHeaders(mail) : mail.headers();
        return new MailPage(mail.subject() == null || mail.subject().isBlank() ? "(no subject)" : mail.subject(), from,
                joined(mail.to()), joined(mail.cc()), mail.date(),
                mail.receivedDateTime() == null ? null : mail.receivedDateTime().toString(), sanitised(mail.html()),
                mail.text() == null ? "" : mail.text(), headers,
                mail.attachments().stream().map(a -> new Attachment(a.name() == null ? "(no name)" : a.name(),
                        a.contentType(), size(a.size()))).toList());
    }

    /** A mail's HTML as the page may show it, or nothing for a mail without HTML. */
    static String sanitised(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", SAFE, output);
    }

    private static List<MailContent.Header> mainHeaders(MailContent mail) {
        List<MailContent.Header> headers = new ArrayList<>();
        if (mail.from() != null) {
            headers.add(new MailContent.Header("From", mail.from().toString()));
        }
        if (!mail.to().isEmpty()) {
            headers.add(new MailContent.Header("To", joined(mail.to())));
        }
        if (!mail.cc().isEmpty()) {
            headers.add(new MailContent.Header("Cc", joined(mail.cc())));
        }
        if (mail.date() != null) {
            headers.add(new MailContent.Header("Date", mail.date()));
        }
        if (mail.subject() != null) {
            headers.add(new MailContent.Header("Subject", mail.subject()));
        }
        if (mail.internetMessageId() != null) {
            headers.add(new MailContent.Header("Message-ID", mail.internetMessageId()));
        }
        return headers;
    }

    private static String joined(List<MailContent.Address> addresses) {
        return addresses.isEmpty() ? null
                : addresses.stream().map(MailContent.Address::toString).collect(Collectors.joining(", "));
    }

    static String size(Long bytes) {
        if (bytes == null || bytes < 0) {
            return null;
        }
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
