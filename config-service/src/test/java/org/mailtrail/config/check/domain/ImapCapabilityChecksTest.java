package org.mailtrail.config.check.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What the move and idle checks make of the capabilities a server announces (GreenMail offers them all). */
class ImapCapabilityChecksTest {

    @Test
    void passesTheMoveCheckWhenTheServerMovesInOneStep() {
        assertThat(ImapSetupChecker.move(true, true).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(ImapSetupChecker.move(true, false).status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void warnsNamingTheFallbackWhenMoveIsMissing() {
        CheckResult result = ImapSetupChecker.move(false, true);

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.message()).contains("COPY, STORE \\Deleted and UID EXPUNGE");
        assertThat(result.remedy()).isNotBlank();
    }

    @Test
    void warnsThatOtherDeletedMailGoesTooWhenUidPlusIsMissingAsWell() {
        CheckResult result = ImapSetupChecker.move(false, false);

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.message()).contains("neither MOVE nor UIDPLUS").contains("other mail");
        assertThat(result.remedy()).contains("UIDPLUS");
    }

    @Test
    void warnsThatMailIsPolledAtThePollIntervalWithoutIdle() {
        CheckResult result = ImapSetupChecker.idle(false, Duration.ofMinutes(2));

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.message()).contains("polling, every PT2M");
    }

    @Test
    void passesTheIdleCheckWithIdle() {
        assertThat(ImapSetupChecker.idle(true, Duration.ofMinutes(5)).status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void namesGraphsInboxAsImapsInbox() {
        assertThat(ImapSetupChecker.imapName("inbox")).isEqualTo("INBOX");
        assertThat(ImapSetupChecker.imapName("Queue")).isEqualTo("Queue");
    }
}
