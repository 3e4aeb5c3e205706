package org.mailtrail.console.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.mailtrail.console.testing.PagesAgainstStubs;
import org.mailtrail.console.testing.SignedIn;
import org.mailtrail.testsupport.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** "Open email": an IMAP mail on a page of its own, a Graph mail in Outlook, through the matcher. */
@IntegrationTest
class MailPageIT extends PagesAgainstStubs {

    private static final String ANNA = """
            {"subject":"anna","name":"anna.berger@contoso.com","roles":["salesperson"],"salespersonCodes":["AB"]}""";

    /** A mail as a hostile sender could write it, and as it would reach the console if a service let it through. */
    private static final String HOSTILE_MAIL = """
            {"internetMessageId": "<quote-7@fabrikam.example>", "folder": "Archive", "uid": 42,
             "imapUrl": "imap://crm-log%40contoso.com@imap.contoso.com:993/Archive;UIDVALIDITY=7/;UID=42",
             "subject": "Quote 7 <b>urgent</b>", "from": {"name": "Lars Holm", "address": "lars.holm@fabrikam.example"},
             "sender": null, "to": [{"name": "Anna Berger", "address": "anna.berger@contoso.com"}],
             "cc": [{"name": null, "address": "sales@contoso.com"}],
             "date": "Fri, 27 Nov 2026 10:02:14 +0100", "receivedDateTime": "2026-11-27T09:02:15Z",
             "headers": [{"name": "Subject", "value": "Quote 7 <b>urgent</b>"},
                         {"name": "In-Reply-To", "value": "<rfq-7@contoso.com>"}],
             "text": "Dear Anna, the quote.",
             "html": "<p>Dear Anna, the <b>quote</b>.</p><script>alert('script')</script><img src=x onerror=\\"alert('onerror')\\"><img src=\\"https://tracker.example/open.gif\\"><a href=\\"javascript:alert('link')\\">details</a><p style=\\"background:url(https://tracker.example/bg)\\">Lars</p>",
             "attachments": [{"name": "quote-7.pdf", "contentType": "application/pdf", "size": 18211}]}
            """;

    @Test
    void showsAnImapMailWithItsHeadersAndAttachmentsAndNothingOfItThatRunsOrLoads() throws Exception {
        SignedIn anna = signedIn("anna", "Anna Berger", ANNA);
        services.on("GET", "/api/interactions/i-9/message", 200, HOSTILE_MAIL);

        MockHttpServletResponse page = perform(anna, get("/log/i-9/mail"));

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentType()).startsWith("text/html");
        String csp = page.getHeader("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'none'", "img-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe", "http", "*", "data:");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        String html = page.getContentAsString();
        assertThat(html).contains("<h1 id=\"mail-subject\">Quote 7 &lt;b&gt;urgent&lt;/b&gt;</h1>",
                "<dd id=\"mail-from\">Lars Holm &lt;lars.holm@fabrikam.example&gt;</dd>",
                "<dd id=\"mail-to\">Anna Berger &lt;anna.berger@contoso.com&gt;</dd>",
                "<dd id=\"mail-cc\">sales@contoso.com</dd>", "Fri, 27 Nov 2026 10:02:14 +0100",
                "<dt>In-Reply-To</dt><dd>&lt;rfq-7@contoso.com&gt;</dd>",
                "<div id=\"mail-html\" class=\"mail-html\"><p>Dear Anna, the <b>quote</b>.</p>"
                        + "<a rel=\"noopener noreferrer nofollow\">details</a><p>Lars</p></div>",
                "<span class=\"mail-attachment-name\">quote-7.pdf</span>", "(application/pdf, 18 KB)");
        assertThat(html).as("nothing runs, nothing loads from elsewhere").doesNotContain("<script", "alert(",
                "onerror", "<img", "tracker.example", "javascript:", "style=");
        assertThat(html).as("the mail's place on the server is no link to follow").doesNotContain("imap:");
        assertThat(services.requests("GET", "/api/interactions/i-9/message").get(0).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + anna.accessToken);
    }

    @Test
    void showsTheTextOfAMailWithoutHtml() throws Exception {
        SignedIn anna = signedIn("anna", "Anna Berger", ANNA);
        services.on("GET", "/api/interactions/i-10/message", 200, """
                {"subject": "Plain", "text": "Line one\\n<script>alert(1)</script>", "html": null, "attachments": []}""");

        String html = perform(anna, get("/log/i-10/mail")).getContentAsString();

        assertThat(html).contains("<pre id=\"mail-text\" class=\"mail-text\">Line one\n&lt;script&gt;alert(1)&lt;/script&gt;</pre>",
                "<p id=\"mail-attachments-none\">None.</p>").doesNotContain("id=\"mail-html\"");
    }

    @Test
    void opensAGraphMailInOutlookAsBefore() throws Exception {
        SignedIn anna = signedIn("anna", "Anna Berger", ANNA);
        String outlook = "https://outlook.office365.com/owa/?ItemID=AAkALg-archived&exvsurl=1";
        services.on("GET", "/api/interactions/i-1/message", 302, null, "Location", outlook);

        MockHttpServletResponse answer = perform(anna, get("/log/i-1/mail"));

        assertThat(answer.getStatus()).isEqualTo(302);
        assertThat(answer.getRedirectedUrl()).isEqualTo(outlook);
        assertThat(answer.getHeader("Content-Security-Policy")).isNull();
    }

    @Test
    void neverSendsThePersonToALinkThatIsNoWebLink() throws Exception {
        SignedIn anna = signedIn("anna", "Anna Berger", ANNA);
        services.on("GET", "/api/interactions/i-2/message", 302, null, "Location",
                "imap://crm-log%40contoso.com@imap.contoso.com:993/Archive;UIDVALIDITY=7/;UID=42");

        MockHttpServletResponse answer = perform(anna, get("/log/i-2/mail"));

        assertThat(answer.getStatus()).isEqualTo(502);
        assertThat(answer.getRedirectedUrl()).isNull();
        assertThat(answer.getContentAsString()).contains("The mail has no link to open");
    }

    @Test
    void saysWhyTheMailDoesNotOpen() throws Exception {
        SignedIn anna = signedIn("anna", "Anna Berger", ANNA);
        services.on("GET", "/api/interactions/i-3/message", 404, """
                {"type":"urn:mailtrail:problem:mail-not-found","title":"Not Found","status":404,
                 "detail":"no mail imap-3 in imap-sales"}""");
        services.on("GET", "/api/interactions/i-4/message", 503, """
                {"type":"urn:mailtrail:problem:mail-server-unavailable","title":"Service Unavailable","status":503,
                 "detail":"imap.contoso.com:993 does not answer"}""");

        MockHttpServletResponse gone = perform(anna, get("/log/i-3/mail"));
        MockHttpServletResponse serverDown = perform(anna, get("/log/i-4/mail"));

        assertThat(gone.getStatus()).isEqualTo(404);
        assertThat(gone.getContentAsString()).contains("no mail imap-3 in imap-sales", "interaction-matcher");
        assertThat(serverDown.getStatus()).isEqualTo(503);
        assertThat(serverDown.getContentAsString()).contains("imap.contoso.com:993 does not answer");
    }

    @Test
    void marksWhichEntriesOpenOnAConsolePage() throws Exception {
        SignedIn anna = signedIn("anna", "Anna Berger", ANNA);
        services.on("GET", "/api/interactions", 200, """
                {"items":[%s,%s]}""".formatted(entry("i-imap", true), entry("i-graph", false)));

        String html = perform(anna, get("/log")).getContentAsString();

        assertThat(html).containsPattern("id=\"open-email-i-imap\" href=\"/log/i-imap/mail\"[^>]*data-mail-source=\"imap\"")
                .containsPattern("id=\"open-email-i-graph\" href=\"/log/i-graph/mail\"[^>]*data-mail-source=\"graph\"");
    }

    private MockHttpServletResponse perform(SignedIn person, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(person.session)).andReturn().getResponse();
    }

    private static String entry(String id, boolean openable) {
        return """
                {"id":"%s","connectionId":"demo","contactId":"CT-NW-TW","contactName":"Tom Weber","companyId":"CT-NW",
                 "companyName":"Northwind Traders","salespersonCode":"AB","salespersonName":"Anna Berger",
                 "direction":"INBOUND","initiatedBy":"THEM","interactionAt":"2026-12-02T09:30:00Z",
                 "description":"Order 4718","matchedBy":"PRIMARY","contactAddress":"tom.weber@northwind.example",
                 "hasAttachments":false,"loggedLate":false,"loggedAt":"2026-12-02T09:31:00Z",
                 "messageUrl":"/api/interactions/%s/message","openable":%s}""".formatted(id, id, openable);
    }
}
