package org.mailtrail.ingestor.subscription.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret Graph echoes in every notification of a subscription. It is random per subscription and only
 * its SHA-256 is stored, so a copy of the database does not let anyone forge notifications; a candidate is
 * compared in constant time, so timing tells a forger nothing either.
 */
public final class ClientStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientStates() {
    }

    /** 256 random bits, URL-safe (43 characters; Graph allows 128). */
    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String hash(String clientState) {
        return Base64.getEncoder().encodeToString(sha256(clientState));
    }

    /** Whether {@code candidate} is the clientState whose hash is stored; false for a missing one. */
    public static boolean matches(String candidate, String storedHash) {
        if (candidate == null || storedHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(candidate), expected);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
