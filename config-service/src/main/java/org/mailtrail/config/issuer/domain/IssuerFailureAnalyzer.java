package org.mailtrail.config.issuer.domain;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an issuer that cannot run as configured into a start-up message that says why and what to do. */
public class IssuerFailureAnalyzer extends AbstractFailureAnalyzer<IssuerSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IssuerSetupException cause) {
        return new FailureAnalysis("config-service refuses to start: " + cause.getMessage(), cause.action(), cause);
    }
}
