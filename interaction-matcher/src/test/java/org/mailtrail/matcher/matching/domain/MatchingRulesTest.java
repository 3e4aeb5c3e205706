package org.mailtrail.matcher.matching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.mailtrail.matcher.testdata.DemoDirectory.ANNA;
import static org.mailtrail.matcher.testdata.DemoDirectory.ANNA_ALTERNATE;
import static org.mailtrail.matcher.testdata.DemoDirectory.CEO;
import static org.mailtrail.matcher.testdata.DemoDirectory.COLLEAGUE;
import static org.mailtrail.matcher.testdata.DemoDirectory.GMAIL_CONTACT;
import static org.mailtrail.matcher.testdata.DemoDirectory.GMAIL_STRANGER;
import static org.mailtrail.matcher.testdata.DemoDirectory.KIM;
import static org.mailtrail.matcher.testdata.DemoDirectory.LARS;
import static org.mailtrail.matcher.testdata.DemoDirectory.LARS_ALTERNATE;
import static org.mailtrail.matcher.testdata.DemoDirectory.MIA;
import static org.mailtrail.matcher.testdata.DemoDirectory.NEWCOMER_AT_FABRIKAM;
import static org.mailtrail.matcher.testdata.DemoDirectory.OLE;
import static org.mailtrail.matcher.testdata.DemoDirectory.PIA;
import static org.mailtrail.matcher.testdata.DemoDirectory.SAM;
import static org.mailtrail.matcher.testdata.DemoDirectory.SHARED;
import static org.mailtrail.matcher.testdata.DemoDirectory.STRANGER;
import static org.mailtrail.matcher.testdata.Mails.mail;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.events.config.MatchingOptions;
import org.mailtrail.events.interaction.Direction;
import org.mailtrail.matcher.testdata.DemoDirectory;
import org.mailtrail.matcher.testdata.Mails;

/**
 * Every rule and branch of the matching, one row each: the mail, the connection's settings, and
 * what must come of it, written as {@code DIRECTION contact/salesperson/matchedBy, ...} or
 * {@code NOT LOGGED <rule>}. The directory is {@link DemoDirectory}.
 */
class MatchingRulesTest {

    private static final List<String> INTERNAL = List.of("contoso.com", "contoso.de");

    /** Business Central's rules: no extension on. */
    private static final MatchingPolicy BC = MatchingPolicy.of(MatchingOptions.NONE, INTERNAL);
    private static final MatchingPolicy DOMAIN_FALLBACK = MatchingPolicy.of(
            new MatchingOptions(true, List.of("gmail.com", "outlook.com"), false, List.of(), List.of(), false), INTERNAL);
    private static final MatchingPolicy BLOCKLIST = MatchingPolicy.of(
            new MatchingOptions(false, List.of(), true, List.of(CEO.toUpperCase()), List.of("Litware.com"), false),
            INTERNAL);
    private static final MatchingPolicy PRIVACY = MatchingPolicy.of(
            new MatchingOptions(false, List.of(), false, List.of(), List.of(), true), INTERNAL);

    private final MatchingRules rules = new MatchingRules(DemoDirectory.index());

    static Stream<Arguments> cases() {
        return Stream.of(
                // Direction and the basic rule
                row("salesperson to a contact", mail().from(ANNA).to(LARS), BC, "OUTBOUND CT101/AB/PRIMARY"),
                row("salesperson to two contacts", mail().from(ANNA).to(LARS, MIA), BC,
                        "OUTBOUND CT101/AB/PRIMARY, CT102/AB/PRIMARY"),
                row("contact to a salesperson", mail().from(LARS).to(ANNA), BC, "INBOUND CT101/AB/PRIMARY"),
                row("contact to two salespeople, one in Cc", mail().from(LARS).to(ANNA).cc(OLE), BC,
                        "INBOUND CT101/AB/PRIMARY, CT101/OD/PRIMARY"),
                row("several contacts and several salespeople: outbound counts the contacts only",
                        mail().from(ANNA).to(LARS, OLE).cc(MIA, ANNA_ALTERNATE), BC,
                        "OUTBOUND CT101/AB/PRIMARY, CT102/AB/PRIMARY"),
                row("a salesperson among the recipients of an outbound mail gets no interaction",
                        mail().from(ANNA).to(OLE, LARS), BC, "OUTBOUND CT101/AB/PRIMARY"),
                row("the sender decides, not from (sent on behalf of a contact)",
                        mail().fromOnly(LARS).sender(ANNA).to(MIA), BC, "OUTBOUND CT102/AB/PRIMARY"),
                // Addresses: case, whitespace, alternates, repeats
                row("case and whitespace on both sides", mail().from("  Anna.Berg@CONTOSO.com ").to(" LARS.HOLM@Fabrikam.COM"),
                        BC, "OUTBOUND CT101/AB/PRIMARY"),
                row("a salesperson's alternate address sends", mail().from(ANNA_ALTERNATE).to(LARS), BC,
                        "OUTBOUND CT101/AB/PRIMARY"),
                row("a contact's alternate address receives", mail().from(ANNA).to(LARS_ALTERNATE), BC,
                        "OUTBOUND CT101/AB/ALTERNATE"),
                row("a contact's alternate address sends", mail().from(LARS_ALTERNATE).to(OLE), BC,
                        "INBOUND CT101/OD/ALTERNATE"),
                row("a recipient in To and in Cc counts once", mail().from(ANNA).to(LARS).cc(LARS.toUpperCase()), BC,
                        "OUTBOUND CT101/AB/PRIMARY"),
                row("two addresses of one contact make one interaction", mail().from(ANNA).to(LARS).cc(LARS_ALTERNATE),
                        BC, "OUTBOUND CT101/AB/PRIMARY"),
                row("two addresses of one salesperson make one interaction", mail().from(MIA).to(ANNA).cc(ANNA_ALTERNATE),
                        BC, "INBOUND CT102/AB/PRIMARY"),
                row("Cc only is enough", mail().from(ANNA).cc(MIA), BC, "OUTBOUND CT102/AB/PRIMARY"),
                row("a shared address resolves to the lowest primary holder and records the others",
                        mail().from(ANNA).to(SHARED), BC, "OUTBOUND CT301/AB/PRIMARY[CT302 CT300]"),
                row("an address that is salesperson and contact sends as the salesperson", mail().from(SAM).to(LARS),
                        BC, "OUTBOUND CT101/SP/PRIMARY"),
                row("an address that is salesperson and contact receives a contact's mail as the salesperson",
                        mail().from(KIM).to(SAM), BC, "INBOUND CT202/SP/PRIMARY"),
                row("an address that is salesperson and contact receives a salesperson's mail as the contact",
                        mail().from(ANNA).to(SAM), BC, "OUTBOUND CT400/AB/PRIMARY"),
                // Not loggable
                row("a draft", mail().from(ANNA).to(LARS).draft(), BC, "NOT LOGGED DRAFT"),
                row("no sender", mail().from(null).to(LARS), BC, "NOT LOGGED NO_SENDER"),
                row("a blank sender address", mail().from("   ").to(LARS), BC, "NOT LOGGED NO_SENDER"),
                row("Bcc only (Bcc is never read: no To or Cc)", mail().from(ANNA), BC, "NOT LOGGED NO_RECIPIENTS"),
                row("internal only: salesperson to salesperson", mail().from(ANNA).to(OLE), BC,
                        "NOT LOGGED INTERNAL_ONLY"),
                row("internal only: a colleague who is no salesperson", mail().from(COLLEAGUE).to(OLE), BC,
                        "NOT LOGGED INTERNAL_ONLY"),
                row("salesperson to nobody known", mail().from(ANNA).to(STRANGER), BC, "NOT LOGGED NO_CONTACT_RECIPIENT"),
                row("contact to contact", mail().from(LARS).to(MIA), BC, "NOT LOGGED CONTACT_TO_CONTACT"),
                row("unknown sender to a salesperson", mail().from(STRANGER).to(ANNA), BC, "NOT LOGGED UNKNOWN_SENDER"),
                row("an internal colleague to a contact is an unknown sender", mail().from(COLLEAGUE).to(LARS), BC,
                        "NOT LOGGED UNKNOWN_SENDER"),
                // Domain fallback
                row("domain fallback off: an unknown address at a company's domain", mail().from(ANNA)
                        .to(NEWCOMER_AT_FABRIKAM), BC, "NOT LOGGED NO_CONTACT_RECIPIENT"),
                row("domain fallback on: the company owning the domain", mail().from(ANNA).to(NEWCOMER_AT_FABRIKAM),
                        DOMAIN_FALLBACK, "OUTBOUND CT100/AB/DOMAIN"),
                row("domain fallback on: an unknown sender at a company's domain", mail().from(NEWCOMER_AT_FABRIKAM)
                        .to(OLE), DOMAIN_FALLBACK, "INBOUND CT100/OD/DOMAIN"),
                row("domain fallback on: a known address still matches its own contact", mail().from(ANNA).to(MIA),
                        DOMAIN_FALLBACK, "OUTBOUND CT102/AB/PRIMARY"),
                row("domain fallback on: a free-mail domain never falls back", mail().from(ANNA).to(GMAIL_STRANGER),
                        DOMAIN_FALLBACK, "NOT LOGGED NO_CONTACT_RECIPIENT"),
                row("domain fallback on: a free-mail contact still matches itself", mail().from(ANNA).to(GMAIL_CONTACT),
                        DOMAIN_FALLBACK, "OUTBOUND CT500/AB/PRIMARY"),
                row("domain fallback on: an internal domain never falls back", mail().from(ANNA).to(COLLEAGUE),
                        DOMAIN_FALLBACK, "NOT LOGGED INTERNAL_ONLY"),
                // Blocklist
                row("blocklist off: a listed address is logged", mail().from(ANNA).to(CEO), BC,
                        "OUTBOUND CT103/AB/PRIMARY"),
                row("blocklist on: a blocked address only", mail().from(ANNA).to(CEO), BLOCKLIST, "NOT LOGGED BLOCKED"),
                row("blocklist on: a blocked domain drops its contact, the others stay", mail().from(ANNA).to(KIM, LARS),
                        BLOCKLIST, "OUTBOUND CT101/AB/PRIMARY"),
                row("blocklist on: a blocked sender", mail().from(KIM).to(ANNA), BLOCKLIST, "NOT LOGGED BLOCKED"),
                // Privacy blocking
                row("privacy blocking off: a privacy-blocked contact is logged", mail().from(ANNA).to(PIA), BC,
                        "OUTBOUND CT201/AB/PRIMARY"),
                row("privacy blocking on: a privacy-blocked recipient only", mail().from(ANNA).to(PIA), PRIVACY,
                        "NOT LOGGED PRIVACY_BLOCKED"),
                row("privacy blocking on: a privacy-blocked sender", mail().from(PIA).to(ANNA), PRIVACY,
                        "NOT LOGGED PRIVACY_BLOCKED"),
                row("privacy blocking on: the other recipients stay", mail().from(ANNA).to(PIA, KIM), PRIVACY,
                        "OUTBOUND CT202/AB/PRIMARY"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decidesAsBusinessCentralWithTheConnectionsExtensions(Mails mail, MatchingPolicy policy, String expected) {
        assertThat(describe(rules.match(mail.build(), policy))).isEqualTo(expected);
    }

    @Test
    void takesTheSentTimeForOutboundMail() {
        Match match = rules.match(mail().from(ANNA).to(LARS).sentAt(Instant.parse("2026-11-27T08:00:00Z"))
                .receivedAt(Instant.parse("2026-11-27T08:00:05Z")).build(), BC);

        assertThat(((Match.Logged) match).at()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void takesTheReceivedTimeForInboundMail() {
        Match match = rules.match(mail().from(LARS).to(ANNA).sentAt(Instant.parse("2026-11-27T08:00:00Z"))
                .receivedAt(Instant.parse("2026-11-27T08:00:05Z")).build(), BC);

        assertThat(((Match.Logged) match).direction()).isEqualTo(Direction.INBOUND);
        assertThat(((Match.Logged) match).at()).isEqualTo(Instant.parse("2026-11-27T08:00:05Z"));
    }

    @Test
    void namesTheAddressBehindAnExclusion() {
        Match match = rules.match(mail().from(STRANGER).to(ANNA).build(), BC);

        assertThat(((Match.Excluded) match).reason())
                .isEqualTo("the sender is neither a salesperson nor a contact (" + STRANGER + ")");
    }

    private static Arguments row(String name, Mails mail, MatchingPolicy policy, String expected) {
        return argumentSet(name, mail, policy, expected);
    }

    private static String describe(Match match) {
        if (match instanceof Match.Excluded excluded) {
            return "NOT LOGGED " + excluded.rule();
        }
        Match.Logged logged = (Match.Logged) match;
        return logged.direction() + " " + logged.interactions().stream()
                .map(i -> i.contact().id() + "/" + i.salesperson().code() + "/" + i.matchedBy()
                        + (i.otherCandidates().isEmpty() ? "" : "[" + String.join(" ", i.otherCandidates()) + "]"))
                .collect(Collectors.joining(", "));
    }
}
