package org.mailtrail.matcher.interactionlog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The interaction log's ids are stored keys and event ids: a mail processed again, by this version or the next,
 * must find the interactions it made before. The values were worked out apart from this code, so a change of
 * any derivation fails here.
 */
class LogIdsTest {

    private static final String CONNECTION = "c0ffee00-0000-4000-8000-000000000001";
    private static final String MAIL = "<quote-40@fabrikam.example>";
    private static final String INTERACTION = "c823868b-d664-3315-80a9-30eb08181b3e";

    @Test
    void namesAnInteractionByItsMailContactAndSalesperson() {
        assertThat(LogIds.interactionId(CONNECTION, MAIL, "CT-000042", "SP-07")).isEqualTo(INTERACTION);
    }

    @Test
    void derivesTheEventIdsOfAnInteractionAsBefore() {
        assertThat(LogIds.logged(INTERACTION)).isEqualTo(UUID.fromString("23ea941c-1873-3879-a506-bb5f51de07e3"));
        assertThat(LogIds.linkChanged(INTERACTION, "5b8e2f5a-1c1d-3e4f-9a0b-1c2d3e4f5a6b"))
                .isEqualTo(UUID.fromString("96d5ed9b-6db4-35eb-bee0-446489a8075d"));
        assertThat(LogIds.linkedToOpportunity(INTERACTION, "opp-1"))
                .isEqualTo(UUID.fromString("db18a2f7-5334-3d53-bdeb-744f0d62128e"));
    }

    @Test
    void asksForOneDispositionPerMail() {
        assertThat(LogIds.disposition(CONNECTION, MAIL)).isEqualTo(UUID.fromString("db3b40bb-a4f6-3e40-bc0e-1dc179167100"));
    }
}
