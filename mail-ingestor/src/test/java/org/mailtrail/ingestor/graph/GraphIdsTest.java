package org.mailtrail.ingestor.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphIdsTest {

    @Test
    void readsTheRegularIdFromOutlookOnTheWebsLink() {
        assertThat(GraphIds.regularIdFromWebLink(
                "https://outlook.office365.com/owa/?ItemID=AAMkAGI2THVSAAA%3D&exvsurl=1&viewmodel=ReadMessageItem"))
                .isEqualTo("AAMkAGI2THVSAAA=");
    }

    @Test
    void answersNothingForALinkWithoutAnItemId() {
        assertThat(GraphIds.regularIdFromWebLink("https://outlook.office365.com/owa/?exvsurl=1")).isNull();
        assertThat(GraphIds.regularIdFromWebLink("https://outlook.office365.com/owa/")).isNull();
        assertThat(GraphIds.regularIdFromWebLink(null)).isNull();
        assertThat(GraphIds.regularIdFromWebLink("not a uri at all")).isNull();
    }
}
