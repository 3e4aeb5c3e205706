package org.mailtrail.emulator.mailbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes ids that look like Exchange's: opaque base64 with the familiar prefixes and a trailing {@code =}, so a
 * client that forgets to URL-encode them (in a path or in a webLink) breaks here as it would against Graph.
 */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    static byte[] seed() {
        byte[] seed = new byte[12];
        RANDOM.nextBytes(seed);
        return seed;
    }

    static String regularMessageId(byte[] mailboxSeed, long sequence) {
        return "AAMkAG" + B64.encodeToString(concat(mailboxSeed, sequence, 6)) + "AAA=";
    }

    static String immutableMessageId(byte[] mailboxSeed, long sequence) {
        return "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A" + B64.encodeToString(concat(mailboxSeed, sequence, 6)) + "AAA=";
    }

    static String folderId(byte[] mailboxSeed, long sequence) {
        return "AQMkADAw" + B64.encodeToString(concat(mailboxSeed, sequence, 3)) + "AAA=";
    }

    static String changeKey() {
        byte[] key = new byte[15];
        RANDOM.nextBytes(key);
        return "CQAAABYAAAD" + B64.encodeToString(key);
    }

    /** Exchange threads by normalised subject; the same subject in the same mailbox shares a conversation. */
    static String conversationId(byte[] mailboxSeed, String subject) {
        String normalised = subject == null ? "" : subject.replaceAll("(?i)^((re|fw|fwd|aw|wg)\\s*:\\s*)+", "").trim().toLowerCase(java.util.Locale.ROOT);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(mailboxSeed);
            byte[] hash = digest.digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "AAQkAG" + B64.encodeToString(java.util.Arrays.copyOf(hash, 24)) + "=";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String conversationIndex() {
        byte[] index = new byte[22];
        RANDOM.nextBytes(index);
        index[0] = 1;
        return Base64.getEncoder().encodeToString(index);
    }

    private static byte[] concat(byte[] seed, long sequence, int randomBytes) {
        byte[] random = new byte[randomBytes];
        RANDOM.nextBytes(random);
        return ByteBuffer.allocate(seed.length + Long.BYTES + randomBytes).put(seed).putLong(sequence).put(random).array();
    }
}
