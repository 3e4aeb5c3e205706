package org.mailtrail.ingestor.graph;

/** A rich notification whose mail cannot be read; a delta round reads it instead. */
public class UnreadableNotificationException extends RuntimeException {

    /** Why, also the {@code outcome} tag it is counted under. */
    public enum Reason {
        /** The notification names a certificate the key store does not hold. */
        UNKNOWN_CERTIFICATE("unknown_certificate"),
        /** {@code dataSignature} does not match {@code data}: changed on its way, or not Graph's. */
        SIGNATURE_MISMATCH("signature_mismatch"),
        UNDECRYPTABLE("undecryptable"),
        /** Not the shape Graph sends, or the decrypted content is no message. */
        UNPARSABLE("unparsable");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Reason reason;

    public UnreadableNotificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
