package org.mailtrail.console.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtrail.console.services.MailContent;

/** A mail's HTML as its page shows it: whatever a sender wrote, nothing runs, loads or leaks. */
class MailPageTest {

    static Stream<Arguments> hostile() {
        return Stream.of(
                argumentSet("a script", "<p>Hi</p><script>alert(1)</script>", "<p>Hi</p>"),
                argumentSet("an event handler", "<p onclick=\"alert(1)\">Hi</p>", "<p>Hi</p>"),
                argumentSet("an image's onerror", "<p>Hi<img src=x onerror=\"alert(1)\"></p>", "<p>Hi</p>"),
                argumentSet("a remote image", "<p>Hi<img src=\"https://tracker.example/open.gif\"></p>", "<p>Hi</p>"),
                argumentSet("a javascript: link", "<a href=\"javascript:alert(1)\">click</a>",
                        "<a rel=\"noopener noreferrer nofollow\">click</a>"),
                argumentSet("a javascript: link in disguise", "<a href=\" JaVaScRiPt:alert(1)\">click</a>",
                        "<a rel=\"noopener noreferrer nofollow\">click</a>"),
                argumentSet("a data: link", "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
                        "<a rel=\"noopener noreferrer nofollow\">x</a>"),
                argumentSet("an ftp link", "<a href=\"ftp://files.example/a\">x</a>",
                        "<a rel=\"noopener noreferrer nofollow\">x</a>"),
                argumentSet("a style attribute", "<p style=\"background:url(https://tracker.example/x)\">Hi</p>",
                        "<p>Hi</p>"),
                argumentSet("a style element", "<style>body{background:url(https://tracker.example/x)}</style><p>Hi</p>",
                        "<p>Hi</p>"),
                argumentSet("an iframe", "<iframe src=\"https://evil.example\"></iframe><p>Hi</p>", "<p>Hi</p>"),
                argumentSet("a form", "<form action=\"https://evil.example\"><input name=p></form><p>Hi</p>",
                        "<p>Hi</p>"),
                argumentSet("a svg with a script", "<svg><script>alert(1)</script></svg><p>Hi</p>", "<p>Hi</p>"),
                argumentSet("a base element", "<base href=\"https://evil.example/\"><p>Hi</p>", "<p>Hi</p>"),
                argumentSet("a meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">"
                        + "<p>Hi</p>", "<p>Hi</p>"),
                argumentSet("a link's own rel and target", "<a href=\"https://fabrikam.example\" rel=\"opener\" "
                        + "target=\"_top\">site</a>",
                        "<a href=\"https://fabrikam.example\" rel=\"noopener noreferrer nofollow\">site</a>"));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void keepsNothingThatRunsLoadsOrLeaks(String html, String shown) {
        assertThat(MailPage.sanitised(html)).isEqualTo(shown);
    }

    @Test
    void keepsTheTextAndLayoutOfAnOrdinaryMail() {
        String html = "<h2>Quote</h2><p>Dear Anna, <b>40 units</b> at <i>48,000 EUR</i>.</p>"
                + "<table><tr><td>Item</td><td>Qty</td></tr></table>"
                + "<p><a href=\"mailto:lars@fabrikam.example\">Lars</a>, <a href=\"https://fabrikam.example\">site</a></p>";

        assertThat(MailPage.sanitised(html)).isEqualTo("<h2>Quote</h2><p>Dear Anna, <b>40 units</b> at <i>48,000 EUR</i>."
                + "</p><table><tbody><tr><td>Item</td><td>Qty</td></tr></tbody></table>"
                + "<p><a href=\"mailto:lars@fabrikam.example\" rel=\"noopener noreferrer nofollow\">Lars</a>, "
                + "<a href=\"https://fabrikam.example\" rel=\"noopener noreferrer nofollow\">site</a></p>");
    }

    @Test
    void showsTheTextWhenTheMailHasNoHtml() {
        MailPage page = MailPage.of(mail(null, List.of()));

        assertThat(page.html()).isNull();
        assertThat(page.text()).isEqualTo("Dear Anna,\nthe quote.");
    }

    @Test
    void namesTheMainHeadersWhenTheAnswerListsNone() {
        MailPage page = MailPage.of(mail("<p>x</p>", List.of()));

        assertThat(page.headers()).extracting(h -> h.name() + ": " + h.value()).containsExactly(
                "From: Lars Holm <lars.holm@fabrikam.example>", "To: Anna Berg <anna@contoso.example>, bo@contoso.example",
                "Date: Fri, 27 Nov 2026 10:02:14 +0100", "Subject: Quote 7", "Message-ID: <quote-7@fabrikam.example>");
        assertThat(page.received()).isEqualTo("2026-11-27T09:02:15Z");
    }

    @Test
    void listsAttachmentsWithTheirTypeAndASizeAPersonReads() {
        MailPage page = MailPage.of(mail(null, List.of(
                new MailContent.Attachment("quote.pdf", "application/pdf", 18211L),
                new MailContent.Attachment(null, null, null),
                new MailContent.Attachment("drawing.dwg", "application/acad", 3_250_000L),
                new MailContent.Attachment("note.txt", "text/plain", 900L))));

        assertThat(page.attachments()).extracting(a -> a.name() + " " + a.details()).containsExactly(
                "quote.pdf application/pdf, 18 KB", "(no name) null", "drawing.dwg application/acad, 3.1 MB",
                "note.txt text/plain, 900 bytes");
    }

    private static MailContent mail(String html, List<MailContent.Attachment> attachments) {
        return new MailContent("<quote-7@fabrikam.example>", "Archive", "Quote 7",
                new MailContent.Address("Lars Holm", "lars.holm@fabrikam.example"), null,
                List.of(new MailContent.Address("Anna Berg", "anna@contoso.example"),
                        new MailContent.Address(null, "bo@contoso.example")),
                List.of(), "Fri, 27 Nov 2026 10:02:14 +0100", Instant.parse("2026-11-27T09:02:15Z"), List.of(),
                "Dear Anna,\nthe quote.", html, attachments);
    }
}
