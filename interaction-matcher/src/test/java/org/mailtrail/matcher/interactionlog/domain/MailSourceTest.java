package org.mailtrail.matcher.interactionlog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.events.config.ConnectionKind;

/** How the matcher tells a Graph mail (opened at its link) from an IMAP mail (opened as its content). */
class MailSourceTest {

    private static final String OUTLOOK = "https://outlook.office365.com/owa/?ItemID=AAkALg&exvsurl=1";
    private static final String IMAP_URL = "imap://sales%40contoso.example@imap.contoso.example:993/Archive;"
            + "UIDVALIDITY=7/;UID=42";

    static Stream<Arguments> cases() {
        return Stream.of(
                argumentSet("an Outlook link", OUTLOOK, ConnectionKind.GRAPH, MailSource.GRAPH),
                argumentSet("an IMAP URL", IMAP_URL, ConnectionKind.IMAP, MailSource.IMAP),
                argumentSet("an IMAP URL in capitals", "IMAP://imap.contoso.example/INBOX;UID=1", null,
                        MailSource.IMAP),
                argumentSet("the link wins over the connection's kind", IMAP_URL, ConnectionKind.GRAPH,
                        MailSource.IMAP),
                argumentSet("an Outlook link of a connection now IMAP", OUTLOOK, ConnectionKind.IMAP, MailSource.GRAPH),
                argumentSet("a plain http link", "http://exchange.contoso.example/owa/?ItemID=1", null,
                        MailSource.GRAPH),
                argumentSet("no link yet, an IMAP connection", null, ConnectionKind.IMAP, MailSource.IMAP),
                argumentSet("no link yet, a Graph connection", null, ConnectionKind.GRAPH, MailSource.GRAPH),
                argumentSet("no link, a connection not heard of", null, null, MailSource.GRAPH),
                argumentSet("a link of neither kind, an IMAP connection", "javascript:alert(1)", ConnectionKind.IMAP,
                        MailSource.IMAP),
                argumentSet("a link without a scheme, a Graph connection", "owa/?ItemID=1", ConnectionKind.GRAPH,
                        MailSource.GRAPH));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tellsWhereAMailIsReadFrom(String link, ConnectionKind kind, MailSource expected) {
        assertThat(MailSource.of(link, kind)).isEqualTo(expected);
    }

    static Stream<Arguments> links() {
        return Stream.of(
                argumentSet("Outlook's https link", OUTLOOK, true),
                argumentSet("an http link", "http://exchange.contoso.example/owa/", true),
                argumentSet("an IMAP URL", IMAP_URL, false),
                argumentSet("a script", "javascript:alert(1)", false),
                argumentSet("a script in disguise", " JavaScript:alert(1)", false),
                argumentSet("data", "data:text/html,<script>alert(1)</script>", false),
                argumentSet("no scheme", "//evil.example/x", false),
                argumentSet("nothing", null, false));
    }

    @ParameterizedTest
    @MethodSource("links")
    void offersOnlyHttpLinksToClick(String link, boolean offered) {
        assertThat(MailSource.isWebLink(link)).isEqualTo(offered);
    }
}
