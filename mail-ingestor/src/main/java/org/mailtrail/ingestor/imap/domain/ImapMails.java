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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        long uid = folder.getUID(message);
        return toMailReceived(connection, folder, message, uidValidity, now, structures(folder, List.of(uid)).get(uid));
    }

    /** The event for a prefetched message of the folder, which is open, with its parts read by {@link #structures}. */
    public static MailReceived toMailReceived(FollowedConnection connection, IMAPFolder folder, IMAPMessage message,
            long uidValidity, Instant now, Structure structure) throws MessagingException {
        String internetMessageId = internetMessageId(message);
        Instant received = internalDate(message);
        String immutableId = ImapIdentity.immutableId(connection.mailbox(), internetMessageId, received);
        String url = ImapIdentity.url(connection.imap(), folder.getFullName(), uidValidity, folder.getUID(message));
        EmailAddress from = first(message.getFrom());
        EmailAddress sender = first(message.getHeader("Sender") == null ? null : new Address[] { message.getSender() });
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

    /** What a mail's BODYSTRUCTURE and preview part say. */
    public record Structure(MailParts parts, String preview) {
    }

    /**
     * The parts and preview of each of the mails, asked for by UID in two or three commands for all of them: the
     * BODYSTRUCTUREs, then the first 4 KB of each mail's preview part, one command per section number the page's mails
     * use. By UID, since another connection (the dispositions') may expunge mail of the folder meanwhile, which
     * renumbers the messages: a sequence number read before the command may name another mail, or none, by the time
     * the server reads it. A mail gone by then has no parts and no preview.
     */
    public static Map<Long, Structure> structures(IMAPFolder folder, List<Long> uids) throws MessagingException {
        if (uids.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<Long, Object[]> fetched = (Map<Long, Object[]>) folder.doCommand(protocol -> {
            Map<Long, Object[]> read = new HashMap<>();
            Map<String, List<Long>> bySection = new LinkedHashMap<>();
            fetchByUid(protocol, uids, "BODYSTRUCTURE", BODYSTRUCTURE.class).forEach((uid, structure) -> {
                MailParts parts = MailParts.of(structure);
                MailParts.Leaf leaf = parts.previewPart().orElse(null);
                read.put(uid, new Object[] { parts, leaf, null });
                if (leaf != null) {
                    bySection.computeIfAbsent(leaf.section(), section -> new ArrayList<>()).add(uid);
                }
            });
            for (Map.Entry<String, List<Long>> section : bySection.entrySet()) {
                fetchByUid(protocol, section.getValue(), "BODY.PEEK[" + section.getKey() + "]<0." + PREVIEW_BYTES + ">",
                        BODY.class).forEach((uid, body) -> read.get(uid)[2] = body);
            }
            return read;
        });
        Map<Long, Structure> structures = new HashMap<>();
        for (long uid : uids) {
            Object[] read = fetched.get(uid);
            if (read == null) {
                log.info("mail of UID {} left {} while it was read: no preview, no attachments known", uid,
                        folder.getFullName());
                structures.put(uid, new Structure(MailParts.NONE, ""));
            } else {
                structures.put(uid, structure((MailParts) read[0], (MailParts.Leaf) read[1], (BODY) read[2]));
            }
        }
        return structures;
    }

    private static Structure structure(MailParts parts, MailParts.Leaf leaf, BODY body) throws MessagingException {
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
     * One item of each of the mails by {@code UID FETCH}; a mail not (or no longer) in the folder is left out. Every
     * other answer the command brings (an EXPUNGE, an EXISTS, another mail's flags) goes to the folder as Angus's own
     * commands hand it on, so the folder's view of its messages stays right.
     */
    private static <T extends Item> Map<Long, T> fetchByUid(IMAPProtocol protocol, List<Long> uids, String items,
            Class<T> item) throws ProtocolException {
        Set<Long> wanted = new HashSet<>(uids);
        String set = uids.stream().map(String::valueOf).collect(Collectors.joining(","));
        Response[] responses = protocol.command("UID FETCH " + set + " (UID " + items + ")", null);
        Map<Long, T> found = new HashMap<>();
        for (int i = 0; i < responses.length - 1; i++) {
            if (responses[i] instanceof FetchResponse fetch) {
                UID answered = fetch.getItem(UID.class);
                T candidate = fetch.getItem(item);
                if (answered != null && candidate != null && wanted.contains(answered.uid)
                        && !found.containsKey(answered.uid)) {
                    found.put(answered.uid, candidate);
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
