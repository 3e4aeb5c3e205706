package org.mailtrail.ingestor.imap.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import org.mailtrail.events.config.ImapSettings;

/**
 * Who an IMAP mail is, the same on every read. IMAP has no id that survives a move or a new UIDVALIDITY, so the
 * immutable id is made of what does: the mailbox, the Message-ID and the INTERNALDATE (which COPY and MOVE keep).
 * Two copies of one mail delivered at different times are two mails, as in Graph. Where a mail is now is its RFC 5092
 * IMAP URL, which changes on every move like Graph's regular id.
 */
public final class ImapIdentity {

    public static final String IMMUTABLE_ID_PREFIX = "imap-";
    public static final String URL_SCHEME = "imap://";

    private ImapIdentity() {
    }

    /** {@code imap-} and the unpadded base64url SHA-256 of mailbox (lower case), Message-ID and INTERNALDATE seconds. */
    public static String immutableId(String mailbox, String internetMessageId, Instant internalDate) {
        String name = mailbox.toLowerCase(Locale.ROOT) + "\n" + internetMessageId + "\n" + internalDate.getEpochSecond();
        return IMMUTABLE_ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(name));
    }

    /** The Message-ID a mail without one is known by: never dropped, and the same on every read of its header. */
    public static String missingMessageId(byte[] headerBlock) {
        return "<" + HexFormat.of().formatHex(sha256(headerBlock)) + "@mailtrail.invalid>";
    }

    /** {@code imap://user@host:port/folder;UIDVALIDITY=v/;UID=uid} (RFC 5092). */
    public static String url(ImapSettings server, String folder, long uidValidity, long uid) {
        return URL_SCHEME + encode(server.username()) + "@" + server.host() + ":" + server.port() + "/"
                + encode(folder).replace("%2F", "/") + ";UIDVALIDITY=" + uidValidity + "/;UID=" + uid;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
