package org.mailtrail.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ODataPathTest {

    @Test
    void splitsKeySyntaxAndDropsTheParenthesesOfAFunctionCall() {
        assertThat(ODataPath.segments("/users/a%40b.com/mailFolders('Inbox')/messages/delta()"))
                .containsExactly("users", "a@b.com", "mailFolders", "Inbox", "messages", "delta");
    }

    @Test
    void decodesPercentEncodedIdsButKeepsAPlusSign() {
        assertThat(ODataPath.segments("/users/x/messages/AAMkAG+abc%3D"))
                .containsExactly("users", "x", "messages", "AAMkAG+abc=");
    }

    @Test
    void unescapesDoubledQuotesInAKey() {
        assertThat(ODataPath.segments("/mailFolders('O''Brien')")).containsExactly("mailFolders", "O'Brien");
    }
}
