package org.mailtrail.config.check.domain;

public enum CheckStatus {
    PASSED,
    /** Works, but something deserves a look; does not block enabling. */
    WARNING,
    FAILED,
    /** Not run: an earlier check it depends on failed, or it does not apply to this connection. */
    SKIPPED
}
