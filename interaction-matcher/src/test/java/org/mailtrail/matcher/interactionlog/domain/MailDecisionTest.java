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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.assertj.core.groups.Tuple;
import org.mailtrail.events.config.ConnectionKind;
import org.mailtrail.events.config.CopyPolicy;
import org.mailtrail.events.config.HoldPolicy;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.config.UnmatchedPolicy;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.connection.domain.ConnectionPolicy;
import org.mailtrail.matcher.matching.domain.ExclusionRule;
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

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

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
                        "EXCLUDED DELETE REQUESTED not logged: every matched contact is privacy blocked (" + PIA + ")"),
                held("an unknown sender's mail is held where the connection holds",
                        mail().from(STRANGER).to(ANNA), UnmatchedPolicy.DELETE, false,
                        "HELD HOLD REQUESTED not logged: the sender is neither a salesperson nor a contact ("
                                + STRANGER + "); held"),
                held("held whatever the connection does with unmatched mail afterwards",
                        mail().from(STRANGER).to(ANNA), UnmatchedPolicy.LEAVE, false,
                        "HELD HOLD REQUESTED not logged: the sender is neither a salesperson nor a contact ("
                                + STRANGER + "); held"),
                held("a salesperson's mail to no contact is held: the contact may be added",
                        mail().from(ANNA).to("new.customer@northwind.example"), UnmatchedPolicy.DELETE, false,
                        "HELD HOLD REQUESTED not logged: a salesperson wrote to no contact; held"),
                held("internal mail is not held: no directory change makes it loggable",
                        mail().from(ANNA).to(OLE), UnmatchedPolicy.DELETE, false,
                        "EXCLUDED DELETE REQUESTED not logged: internal only: no external participant"),
                held("a draft is not held", mail().from(ANNA).to(LARS).draft(), UnmatchedPolicy.DELETE, false,
                        "EXCLUDED DELETE REQUESTED not logged: a draft"),
                held("a logged mail is archived, held or not", mail().from(ANNA).to(LARS), UnmatchedPolicy.DELETE,
                        false, "LOGGED ARCHIVE REQUESTED logged 1 interaction"),
                held("while the directory is empty, what would be deleted is held",
                        mail().from(ANNA).to(OLE), UnmatchedPolicy.DELETE, true,
                        "HELD HOLD REQUESTED not logged: internal only: no external participant (held: the directory "
                                + "is empty)"),
                row("while the directory is empty and nothing is held, what would be deleted is left", mail()
                        .from(STRANGER).to(ANNA), UnmatchedPolicy.DELETE, true,
                        "EXCLUDED LEAVE LEFT not logged: the sender is neither a salesperson nor a contact ("
                                + STRANGER + ") (left: the directory is empty, nothing is deleted)"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decidesTheDispositionAndItsReason(Mails mail, UnmatchedPolicy unmatched, HoldPolicy hold,
            boolean directoryEmpty, String expected) {
        MailReceived received = mail.build();

        MailDecision decision = MailDecision.of(received, rules.match(received, POLICY), policy(unmatched, hold),
                directoryEmpty, NOW);

        assertThat(decision.outcome() + " " + decision.disposition() + " " + decision.initialState() + " "
                + decision.dispositionReason()).isEqualTo(expected);
    }

    @Test
    void keepsTheMatchedPairsWithTheIdsOfTheirInteractionsInOrder() {
        MailReceived mail = mail().connection("c1").from(ANNA).to(LARS, MIA).build();

        MailDecision decision = MailDecision.of(mail, rules.match(mail, POLICY), policy(UnmatchedPolicy.DELETE, HoldPolicy.OFF),
                false, NOW);

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

        MailDecision decision = MailDecision.of(mail, rules.match(mail, POLICY), policy(UnmatchedPolicy.DELETE, HoldPolicy.OFF),
                false, NOW);

        assertThat(decision.interactionAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00.123Z"));
    }

    @Test
    void holdsUntilTheConnectionsRetentionEndsInItsHoldFolder() {
        MailReceived mail = mail().from(STRANGER).to(ANNA).build();

        MailDecision decision = MailDecision.of(mail, rules.match(mail, POLICY), policy(UnmatchedPolicy.DELETE,
                new HoldPolicy(true, "Unmatched", Duration.ofDays(7))), false, NOW);

        assertThat(decision.holdFolder()).isEqualTo("Unmatched");
        assertThat(decision.heldUntil()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(decision.exclusionRule()).isEqualTo(ExclusionRule.UNKNOWN_SENDER);
    }

    @Test
    void aHeldMailLoggedLateIsArchivedFromTheHoldFolderAndOneWhoseRetentionEndedIsDeletedThere() {
        MailReceived mail = mail().from(STRANGER).to(ANNA).build();
        MailDecision held = MailDecision.of(mail, rules.match(mail, POLICY), policy(UnmatchedPolicy.DELETE,
                HoldPolicy.DEFAULT), false, NOW);
        MailReceived known = mail().from(LARS).to(ANNA).build();
        MailDecision qualified = MailDecision.of(known, rules.match(known, POLICY), policy(UnmatchedPolicy.DELETE,
                HoldPolicy.DEFAULT), false, NOW);

        MailDecision late = held.loggedLate(qualified);
        MailDecision deleted = held.expired(UnmatchedPolicy.DELETE);
        MailDecision left = held.expired(UnmatchedPolicy.LEAVE);

        assertThat(late.outcome() + " " + late.disposition() + " from " + late.currentFolder())
                .isEqualTo("LOGGED ARCHIVE from Not logged");
        assertThat(deleted.outcome() + " " + deleted.disposition() + " from " + deleted.currentFolder() + " "
                + deleted.exclusionRule()).isEqualTo("EXCLUDED DELETE from Not logged UNKNOWN_SENDER");
        assertThat(left.disposition() + " " + left.initialState()).isEqualTo("LEAVE LEFT");
    }

    @Test
    void aFurtherCopyMakesNoInteractionsAndIsDisposedOfLikeTheFirstOrDeleted() {
        MailReceived mail = mail().from(ANNA).to(LARS).build();
        MailDecision first = MailDecision.of(mail, rules.match(mail, POLICY), policy(UnmatchedPolicy.DELETE,
                HoldPolicy.OFF), false, NOW);
        MailReceived stranger = mail().from(STRANGER).to(ANNA).build();
        MailDecision left = MailDecision.of(stranger, rules.match(stranger, POLICY), policy(UnmatchedPolicy.LEAVE,
                HoldPolicy.OFF), false, NOW);

        assertThat(first.forCopy(false, false).disposition()).isEqualTo(Disposition.ARCHIVE);
        assertThat(first.forCopy(false, false).interactionIds()).isEmpty();
        assertThat(first.forCopy(false, false).outcome()).isEqualTo(MailOutcome.LOGGED);
        assertThat(first.forCopy(true, false).disposition()).isEqualTo(Disposition.DELETE);
        assertThat(left.forCopy(true, false).disposition()).as("a copy of mail left in place stays too")
                .isEqualTo(Disposition.LEAVE);
    }

    @Test
    void aFurtherCopyIsNotDeletedWhileTheDirectoryIsEmptyEvenWhereTheConnectionDeletesCopies() {
        MailReceived mail = mail().from(STRANGER).to(ANNA).build();
        MailDecision held = MailDecision.of(mail, rules.match(mail, POLICY), policy(UnmatchedPolicy.DELETE,
                HoldPolicy.DEFAULT), true, NOW);

        MailDecision copy = held.forCopy(true, true);

        assertThat(copy.outcome() + " " + copy.disposition() + " in " + copy.holdFolder() + " until " + copy.heldUntil())
                .isEqualTo("HELD HOLD in Not logged until " + NOW.plus(Duration.ofDays(30)));
        assertThat(copy.dispositionReason()).contains("the directory is empty");
        assertThat(held.forCopy(true, false).disposition()).as("once the directory has entries, copies go")
                .isEqualTo(Disposition.DELETE);
    }

    private static ConnectionPolicy policy(UnmatchedPolicy unmatched, HoldPolicy hold) {
        return new ConnectionPolicy("c1", 1, unmatched, List.of("contoso.com"), MatchingOptions.NONE, hold,
                CopyPolicy.LIKE_FIRST, ConnectionKind.GRAPH);
    }

    private static Arguments row(String name, Mails mail, UnmatchedPolicy unmatched, String expected) {
        return argumentSet(name, mail, unmatched, HoldPolicy.OFF, false, expected);
    }

    private static Arguments row(String name, Mails mail, UnmatchedPolicy unmatched, boolean directoryEmpty,
            String expected) {
        return argumentSet(name, mail, unmatched, HoldPolicy.OFF, directoryEmpty, expected);
    }

    private static Arguments held(String name, Mails mail, UnmatchedPolicy unmatched, boolean directoryEmpty,
            String expected) {
        return argumentSet(name, mail, unmatched, HoldPolicy.DEFAULT, directoryEmpty, expected);
    }
}
