package org.mailtrail.config.secret.domain;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or unreadable master keyset into a start-up message that says how to give one. */
public class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingMasterKeyException> {

    static final String HOW_TO = """
            Generate a master keyset once and keep it safe (losing it makes every stored secret unreadable):

                java -jar config-service.jar generate-master-keyset > master-keyset.json

            Then give it to the service, either as a file (e.g. a mounted Kubernetes Secret):

                MAILTRAIL_MASTER_KEYSET_FILE=/path/to/master-keyset.json

            or as its JSON text:

                MAILTRAIL_MASTER_KEYSET="$(cat master-keyset.json)"

            To rotate later: java -jar config-service.jar rotate-master-keyset /path/to/master-keyset.json;
            a mounted file is taken up without a restart. Then POST /api/secrets/re-encrypt.""";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingMasterKeyException cause) {
        return new FailureAnalysis("config-service refuses to start: " + cause.getMessage(), HOW_TO, cause);
    }
}
