package org.mailtrail.ingestor.imap.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImapMailsTest {

    @Test
    void referencesAreTheMessageIdsOfTheHeaderOldestFirst() {
        assertThat(ImapMails.references(new String[] { "<rfq-1@customer.test>\r\n\t<quote-7@contoso.test> junk" }))
                .containsExactly("<rfq-1@customer.test>", "<quote-7@contoso.test>");
        assertThat(ImapMails.references(null)).isEmpty();
    }

    @Test
    void inReplyToIsTheFirstMessageIdOfItsHeader() {
        assertThat(ImapMails.inReplyTo(new String[] { "Anna's mail <quote-7@contoso.test> of Monday" }))
                .isEqualTo("<quote-7@contoso.test>");
        assertThat(ImapMails.inReplyTo(new String[] { "no id" })).isNull();
    }

    @Test
    void thePreviewCollapsesWhitespaceAndKeeps255Characters() {
        assertThat(ImapMails.preview("  Hello,\r\n\t we   order\n42.  ")).isEqualTo("Hello, we order 42.");
        assertThat(ImapMails.preview("x".repeat(300))).hasSize(255);
    }

    @Test
    void theHtmlPreviewIsTheTextAPersonReads() {
        assertThat(ImapMails.htmlToText("<p>Hello <b>there</b></p><script>x()</script>")).isEqualTo("Hello there");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            // the first 4 KB of a part may end within a base64 quantum or a quoted-printable escape
            "base64           | SGVsbG8gd29y    | true  | Hello wor",
            "base64           | SGVsbG8gd29yb    | true  | Hello wor",
            "quoted-printable | Caf=C3=A9 au=    | true  | Café au",
            "quoted-printable | Caf=C3=A9 =C3    | true  | 'Café '",
            "quoted-printable | Caf=C3=A9        | false | Café",
            "7bit             | plain text       | false | plain text" })
    void decodesAPartCutOffByAPartialFetch(String encoding, String raw, boolean partial, String text) throws Exception {
        byte[] decoded = ImapMails.decode(raw.getBytes(StandardCharsets.US_ASCII), encoding, partial);

        assertThat(ImapMails.text(decoded, "utf-8")).isEqualTo(text);
    }
}
