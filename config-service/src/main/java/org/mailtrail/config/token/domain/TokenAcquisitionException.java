package org.mailtrail.config.token.domain;

/**
 * No token could be had for a connection. The reason tells a caller whether the connection's setup is at fault
 * (secret, consent) or Entra refused or could not be reached; {@code code} is Entra's AADSTS number if any.
 */
public class TokenAcquisitionException extends RuntimeException {

    public enum Reason {
        /** The connection has no client secret. */
        NO_SECRET,
        /** The secret cannot be decrypted or read where it is referenced. */
        SECRET_UNAVAILABLE,
        /** A DELEGATED connection nobody has consented for yet. */
        NO_CONSENT,
        /** Entra answered with an error. */
        REJECTED,
        /** Entra did not answer. */
        UNREACHABLE
    }

    private final Reason reason;
    private final String code;

    public TokenAcquisitionException(Reason reason, String message, String code) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** Entra's AADSTS number, e.g. {@code 7000215} (wrong client secret); null when there is none. */
    public String code() {
        return code;
    }

    /** True when the fault is in the connection's own setup rather than in Entra. */
    public boolean isSetupProblem() {
        return reason == Reason.NO_SECRET || reason == Reason.SECRET_UNAVAILABLE || reason == Reason.NO_CONSENT
                || reason == Reason.REJECTED;
    }
}
