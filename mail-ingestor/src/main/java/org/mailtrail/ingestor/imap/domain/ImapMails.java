package org.mailtrail.ingestor.imap.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.Item;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jsoup.Jsoup;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads IMAP mail as {@code MailReceived}: one FETCH of envelope, flags, INTERNALDATE, UID and the headers the
 * envelope lacks for a page, then per mail its BODYSTRUCTURE and the first 4 KB of the part the preview is made of
 * ({@code BODY.PEEK}, so nothing is marked seen). Attachments are never fetched. Identity as {@link ImapIdentity}
 * says; {@code conversationId} stays empty, {@code inReplyTo} and {@code references} come from the headers.
 */
public final class ImapMails {

    private static final Logger log = LoggerFactory.getLogger(ImapMails.class);

    static final int PREVIEW_LENGTH = 255;
    static final int PREVIEW_BYTES = 4096;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final String[] HEADERS = { "Message-ID", "In-Reply-To", "References", "Sender" };

    private ImapMails() {
    }

    /** Fetches what the events of these messages need, in one command. */
    public static void prefetch(IMAPFolder folder, Message[] messages) throws MessagingException {
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        for (String header : HEADERS) {
            profile.add(header);
        }
        folder.fetch(messages, profile);
    }

    /** The mail's Message-ID, or the one a mail without any is known by. */
    public static String internetMessageId(IMAPMessage message) throws MessagingException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.trim();
        }
        StringBuilder header = new StringBuilder();
        for (String line : Collections.list(message.getAllHeaderLines())) {
            header.append(line).append("\r\n");
        }
        return ImapIdentity.missingMessageId(header.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The mail's immutable id. */
    public static String immutableId(FollowedConnection connection, IMAPMessage message) throws MessagingException {
        return ImapIdentity.immutableId(connection.mailbox(), internetMessageId(message), internalDate(message));
    }

    public static Instant internalDate(IMAPMessage message) throws MessagingException {
        return message.getReceivedDate().toInstant();
    }

    /** The event for a prefetched message of the folder, which is open. */
    public static MailReceived toMailReceived(FollowedConnection connection, IMAPFolder folder, IMAPMessage message,
            long uidValidity, Instant now) throws MessagingException {
        String internetMessageId = internetMessageId(message);
        Instant received = internalDate(message);
        String immutableId = ImapIdentity.immutableId(connection.mailbox(), internetMessageId, received);
        String url = ImapIdentity.url(connection.imap(), folder.getFullName(), uidValidity, folder.getUID(message));
        EmailAddress from = first(message.getFrom());
        EmailAddress sender = first(message.getHeader("Sender") == null ? null : new Address[] { message.getSender() });
        Structure structure = structure(folder, folder.getUID(message));
        return new MailReceived(EventIds.of(MailReceived.TYPE, connection.id(), internetMessageId, immutableId), now, 1,
                connection.id(), internetMessageId, url, immutableId, null, sender != null ? sender : from, from,
                addresses(message.getRecipients(Message.RecipientType.TO)),
                addresses(message.getRecipients(Message.RecipientType.CC)), message.getSubject(),
                message.getSentDate() == null ? null : message.getSentDate().toInstant(), received,
                message.getFlags().contains(Flags.Flag.DRAFT), structure.preview(),
                structure.parts().hasAttachments(), url, inReplyTo(message.getHeader("In-Reply-To")),
                references(message.getHeader("References")));
    }

    /** The message ids of a References header, oldest first. */
    static List<String> references(String[] header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            for (String line : header) {
                Matcher matcher = MESSAGE_ID.matcher(line);
                while (matcher.find()) {
                    ids.add(matcher.group());
                }
            }
        }
        return ids;
    }

    static String inReplyTo(String[] header) {
        List<String> ids = references(header);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Whitespace collapsed, at most 255 characters. */
    static String preview(String text) {
        String collapsed = text.replaceAll("\\s+", " ").trim();
        return collapsed.length() <= PREVIEW_LENGTH ? collapsed : collapsed.substring(0, PREVIEW_LENGTH);
    }

    /** The bytes of a part decoded from its transfer encoding, a cut-off end (a partial fetch) tolerated. */
    static byte[] decode(byte[] raw, String encoding, boolean partial) throws MessagingException {
        try {
            if ("base64".equals(encoding)) {
                byte[] clean = new String(raw, StandardCharsets.US_ASCII).replaceAll("[^A-Za-z0-9+/=]", "")
                        .getBytes(StandardCharsets.US_ASCII);
                int whole = partial ? clean.length - clean.length % 4 : clean.length;
                return Base64.getDecoder().decode(Arrays.copyOf(clean, whole));
            }
            byte[] bytes = raw;
            if (partial && "quoted-printable".equals(encoding)) {
                bytes = withoutCutEscape(raw);
            }
            try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(bytes), encoding)) {
                return in.readAllBytes();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new MessagingException("a body part cannot be decoded from " + encoding, e);
        }
    }

    /** Text in the part's charset; one unknown to the JVM is read as UTF-8. */
    static String text(byte[] bytes, String charset) {
        Charset chosen = StandardCharsets.UTF_8;
        if (charset != null) {
            try {
                chosen = Charset.forName(MimeUtility.javaCharset(charset));
            } catch (RuntimeException e) {
                chosen = StandardCharsets.UTF_8;
            }
        }
        return new String(bytes, chosen).replace("\uFFFD", "");
    }

    /** An HTML body as the text a person reads in it. */
    static String htmlToText(String html) {
        return Jsoup.parse(html).text();
    }

    record Structure(MailParts parts, String preview) {
    }

    /**
     * The mail's parts and preview, asked for by UID: another connection (the dispositions') may expunge mail of the
     * folder meanwhile, which renumbers the messages, so a sequence number read before the command may name another
     * mail, or none, by the time the server reads it. A mail gone by then has no parts and no preview.
     */
    private static Structure structure(IMAPFolder folder, long uid) throws MessagingException {
        Object[] fetched = (Object[]) folder.doCommand(protocol -> {
            BODYSTRUCTURE structure = fetchByUid(protocol, uid, "BODYSTRUCTURE", BODYSTRUCTURE.class);
            if (structure == null) {
                return new Object[] { null, null, null };
            }
            MailParts parts = MailParts.of(structure);
            Optional<MailParts.Leaf> part = parts.previewPart();
            BODY body = part.isEmpty() ? null : fetchByUid(protocol, uid,
                    "BODY.PEEK[" + part.get().section() + "]<0." + PREVIEW_BYTES + ">", BODY.class);
            return new Object[] { parts, part.orElse(null), body };
        });
        MailParts parts = (MailParts) fetched[0];
        if (parts == null) {
            log.info("mail of UID {} left {} while it was read: no preview, no attachments known", uid,
                    folder.getFullName());
            return new Structure(MailParts.NONE, "");
        }
        MailParts.Leaf leaf = (MailParts.Leaf) fetched[1];
        BODY body = (BODY) fetched[2];
        if (leaf == null || body == null || body.getByteArray() == null) {
            return new Structure(parts, "");
        }
        ByteArray bytes = body.getByteArray();
        byte[] raw = Arrays.copyOfRange(bytes.getBytes(), bytes.getStart(), bytes.getStart() + bytes.getCount());
        boolean partial = leaf.size() > PREVIEW_BYTES || raw.length >= PREVIEW_BYTES;
        String text = text(decode(raw, leaf.encoding(), partial), leaf.charset());
        return new Structure(parts, preview(leaf.is("text/html") ? htmlToText(text) : text));
    }

    /**
     * One item of one mail by {@code UID FETCH}; null when the mail is not (or no longer) in the folder. Every other
     * answer the command brings (an EXPUNGE, an EXISTS, another mail's flags) goes to the folder as Angus's own
     * commands hand it on, so the folder's view of its messages stays right.
     */
    private static <T extends Item> T fetchByUid(IMAPProtocol protocol, long uid, String items, Class<T> item)
            throws ProtocolException {
        Response[] responses = protocol.command("UID FETCH " + uid + " (UID " + items + ")", null);
        T found = null;
        for (int i = 0; i < responses.length - 1; i++) {
            if (responses[i] instanceof FetchResponse fetch) {
                UID answered = fetch.getItem(UID.class);
                T candidate = fetch.getItem(item);
                if (found == null && answered != null && answered.uid == uid && candidate != null) {
                    found = candidate;
                    responses[i] = null;
                }
            }
        }
        protocol.notifyResponseHandlers(responses);
        protocol.handleResult(responses[responses.length - 1]);
        return found;
    }

    private static byte[] withoutCutEscape(byte[] raw) {
        int end = raw.length;
        for (int back = 1; back <= 2 && end - back >= 0; back++) {
            if (raw[end - back] == '=') {
                return Arrays.copyOf(raw, end - back);
            }
        }
        return raw;
    }

    static EmailAddress first(Address[] addresses) {
        List<EmailAddress> all = addresses(addresses);
        return all.isEmpty() ? null : all.get(0);
    }

    static List<EmailAddress> addresses(Address[] addresses) {
        List<EmailAddress> list = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    list.add(new EmailAddress(internet.getPersonal(), internet.getAddress()));
                }
            }
        }
        return list;
    }
}
