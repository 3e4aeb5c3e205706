package org.mailtrail.console.signin;

/** The issuer's discovery document could not be read, so nobody can sign in for now. */
public class IssuerUnavailableException extends RuntimeException {

    IssuerUnavailableException(String issuer, Throwable cause) {
        super("the sign-in service at " + issuer + " does not answer: " + cause.getMessage(), cause);
    }
}
