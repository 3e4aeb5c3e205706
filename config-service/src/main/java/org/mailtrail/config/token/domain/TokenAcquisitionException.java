package org.mailtrail.config.token.domain;

import org.mailtrail.config.ConfigProblems;
import org.mailtrail.platform.problem.ProblemException;
import org.mailtrail.platform.problem.ProblemType;

/**
 * No token could be had for a connection. The reason tells a caller whether the connection's setup is at fault
 * (secret, consent: 409) or Entra refused (502) or could not be reached (504); {@code code} is Entra's AADSTS number
 * if any. The problem carries both, as {@code reason} and {@code aadsts}.
 */
public class TokenAcquisitionException extends ProblemException {

    public enum Reason {
        /** The connection has no client secret. */
        NO_SECRET,
        /** The connection's authority or Graph is not a host credentials may be sent to. */
        HOST_NOT_ALLOWED,
        /** The secret cannot be decrypted or read where it is referenced. */
        SECRET_UNAVAILABLE,
        /** A DELEGATED connection nobody has consented for yet. */
        NO_CONSENT,
        /** Entra answered with an error. */
        REJECTED,
        /** Entra did not answer. */
        UNREACHABLE,
        /** An IMAP credential was asked for a connection that is not an IMAP one. */
        NOT_IMAP,
        /** An IMAP connection that signs in with a password has none. */
        NO_PASSWORD
    }

    private final Reason reason;
    private final String code;

    public TokenAcquisitionException(Reason reason, String message, String code) {
        super(type(reason), message);
        this.reason = reason;
        this.code = code;
        property("reason", reason.name());
        if (code != null) {
            property("aadsts", code);
        }
    }

    private static ProblemType type(Reason reason) {
        return switch (reason) {
            case REJECTED -> ConfigProblems.TOKEN_REFUSED;
            case UNREACHABLE -> ConfigProblems.TOKEN_AUTHORITY_UNREACHABLE;
            default -> ConfigProblems.TOKEN_SETUP_INCOMPLETE;
        };
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
        return reason == Reason.NO_SECRET || reason == Reason.HOST_NOT_ALLOWED || reason == Reason.SECRET_UNAVAILABLE || reason == Reason.NO_CONSENT
                || reason == Reason.REJECTED || reason == Reason.NOT_IMAP || reason == Reason.NO_PASSWORD;
    }
}
