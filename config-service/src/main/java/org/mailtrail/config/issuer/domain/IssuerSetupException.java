package org.mailtrail.config.issuer.domain;

/** The issuer is enabled but cannot run as configured; the service must not start. */
public class IssuerSetupException extends RuntimeException {

    private final String action;

    public IssuerSetupException(String reason, String action) {
        super(reason);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }

    /** For the embedded issuer where it does not belong: anywhere but a development run. */
    public static IssuerSetupException notADevelopmentRun() {
        return new IssuerSetupException("the embedded issuer (MAILTRAIL_ISSUER_ENABLED=true) is for development runs "
                + "only, and MAILTRAIL_DEVELOPMENT_RUN is not true", """
                In production mailtrail trusts the company's identity provider: set MAILTRAIL_JWT_ISSUER_URI (and \
                MAILTRAIL_JWT_AUDIENCES) and leave MAILTRAIL_ISSUER_ENABLED unset.
                For ./mailtrail run, tests and compose set MAILTRAIL_DEVELOPMENT_RUN=true as well.""");
    }

    static IssuerSetupException invalidFile(String what, Object file, String reasons) {
        return new IssuerSetupException("the issuer's " + what + " file " + file + " is refused: " + reasons,
                "Correct the file; config-service's README describes its format.");
    }
}
