package org.mailtrail.matcher.ingestor;

import java.util.List;

import org.mailtrail.matcher.MatcherProblems;
import org.mailtrail.platform.problem.ProblemException;
import org.mailtrail.platform.problem.ProblemType;

/** A mail's content could not be had from mail-ingestor; the problem type says whose the failure is. */
public final class MailContentException extends ProblemException {

    private MailContentException(ProblemType type, String detail, Throwable cause) {
        super(type, detail, List.of(), cause);
    }

    /** The ingestor knows no such connection or mail (or the mail is no IMAP mail). */
    static MailContentException notFound(String detail) {
        return new MailContentException(MatcherProblems.MAIL_NOT_FOUND, detail, null);
    }

    static MailContentException tooLarge(String detail) {
        return new MailContentException(MatcherProblems.MAIL_TOO_LARGE, detail, null);
    }

    /** The ingestor answered, but could not reach the mail server. */
    static MailContentException serverUnavailable(String detail) {
        return new MailContentException(MatcherProblems.MAIL_SERVER_UNAVAILABLE, detail, null);
    }

    /** The ingestor did not answer, answered what it should not, or refused this service's token. */
    static MailContentException ingestorFailed(String detail, Throwable cause) {
        return new MailContentException(MatcherProblems.INGESTOR_FAILED, detail, cause);
    }
}
