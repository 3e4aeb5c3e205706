package org.mailtrail.config.connection.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void readsTheRevisionFromStrongAndWeakTags() {
        assertThat(ETags.revision("\"7\"")).isEqualTo(7L);
        assertThat(ETags.revision("W/\"7\"")).isEqualTo(7L);
    }

    @Test
    void treatsAbsentAndStarAsNoPrecondition() {
        assertThat(ETags.revision(null)).isNull();
        assertThat(ETags.revision("*")).isNull();
    }

    @Test
    void neverMatchesATagThisServiceDidNotIssue() {
        assertThat(ETags.revision("\"abc\"")).isEqualTo(ETags.NO_MATCH);
    }
}
