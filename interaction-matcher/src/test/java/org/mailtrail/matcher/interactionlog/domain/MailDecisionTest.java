package org.mailtrail.matcher.interactionlog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.mailtrail.matcher.testdata.DemoDirectory.ANNA;
import static org.mailtrail.matcher.testdata.DemoDirectory.LARS;
import static org.mailtrail.matcher.testdata.DemoDirectory.MIA;
import static org.mailtrail.matcher.testdata.DemoDirectory.OLE;
import static org.mailtrail.matcher.testdata.DemoDirectory.PIA;
import static org.mailtrail.matcher.testdata.DemoDirectory.STRANGER;
import static org.mailtrail.matcher.testdata.Mails.mail;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.assertj.core.groups.Tuple;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.matching.domain.MatchingPolicy;
import org.mailtrail.matcher.matching.domain.MatchingRules;
import org.mailtrail.matcher.testdata.DemoDirectory;
import org.mailtrail.matcher.testdata.Mails;

/**
 * What becomes of a matched mail, one row per case: the mail (matched by {@link MatchingRules}
 * over {@link DemoDirectory}), the connection's policy for unmatched mail, and the outcome, the
 * disposition requested, where the mail then stands and the reason the ingestor is given.
 */
class MailDecisionTest {

    private static final MatchingPolicy POLICY = MatchingPolicy.of(
            new MatchingOptions(false, List.of(), false, List.of(), List.of(), true), List.of("contoso.com"));

    private final MatchingRules rules = new MatchingRules(DemoDirectory.index());

    static Stream<Arguments> cases() {
        return Stream.of(
                row("a logged mail is archived", mail().from(ANNA).to(LARS), UnmatchedPolicy.DELETE,
                        "LOGGED ARCHIVE REQUESTED logged 1 interaction"),
                row("the reason counts the interactions", mail().from(ANNA).to(LARS, MIA), UnmatchedPolicy.DELETE,
                        "LOGGED ARCHIVE REQUESTED logged 2 interactions"),
                row("the unmatched policy does not touch a logged mail", mail().from(LARS).to(ANNA),
                        UnmatchedPolicy.LEAVE, "LOGGED ARCHIVE REQUESTED logged 1 interaction"),
                row("an excluded mail is deleted by default", mail().from(STRANGER).to(ANNA), UnmatchedPolicy.DELETE,
                        "EXCLUDED DELETE REQUESTED not logged: the sender is neither a salesperson nor a contact ("
                                + STRANGER + ")"),
                row("an excluded mail is left in the Inbox where the connection says so",
                        mail().from(STRANGER).to(ANNA), UnmatchedPolicy.LEAVE,
                        "EXCLUDED LEAVE LEFT not logged: the sender is neither a salesperson nor a contact ("
                                + STRANGER + ")"),
                row("without a policy, an excluded mail is deleted as Business Central does",
                        mail().from(ANNA).to(OLE), null,
                        "EXCLUDED DELETE REQUESTED not logged: internal only: no external participant"),
                row("a draft", mail().from(ANNA).to(LARS).draft(), UnmatchedPolicy.LEAVE,
                        "EXCLUDED LEAVE LEFT not logged: a draft"),
                row("a privacy-blocked contact", mail().from(PIA).to(ANNA), UnmatchedPolicy.DELETE,
                        "EXCLUDED DELETE REQUESTED not logged: every matched contact is privacy blocked (" + PIA + ")"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decidesTheDispositionAndItsReason(Mails mail, UnmatchedPolicy unmatched, String expected) {
        MailReceived received = mail.build();

        MailDecision decision = MailDecision.of(received, rules.match(received, POLICY), unmatched);

        assertThat(decision.outcome() + " " + decision.disposition() + " " + decision.initialState() + " "
                + decision.dispositionReason()).isEqualTo(expected);
    }

    @Test
    void keepsTheMatchedPairsWithTheIdsOfTheirInteractionsInOrder() {
        MailReceived mail = mail().connection("c1").from(ANNA).to(LARS, MIA).build();

        MailDecision decision = MailDecision.of(mail, rules.match(mail, POLICY), UnmatchedPolicy.DELETE);

        assertThat(decision.matches()).extracting(MatchedPair::contactId, MatchedPair::salespersonCode,
                MatchedPair::companyName).containsExactly(
                        Tuple.tuple("CT101", "AB", "Fabrikam"),
                        Tuple.tuple("CT102", "AB", "Fabrikam"));
        assertThat(decision.interactionIds()).containsExactly(
                LogIds.interactionId("c1", mail.internetMessageId(), "CT101", "AB"),
                LogIds.interactionId("c1", mail.internetMessageId(), "CT102", "AB"));
        assertThat(decision.exclusionRule()).isNull();
    }

    @Test
    void keepsTheInteractionTimeToTheMillisecondTheLogStores() {
        MailReceived mail = mail().from(ANNA).to(LARS).sentAt(Instant.parse("2026-11-27T08:00:00.123456789Z")).build();

        MailDecision decision = MailDecision.of(mail, rules.match(mail, POLICY), UnmatchedPolicy.DELETE);

        assertThat(decision.interactionAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00.123Z"));
    }

    private static Arguments row(String name, Mails mail, UnmatchedPolicy unmatched, String expected) {
        return argumentSet(name, mail, unmatched, expected);
    }
}
