package org.mailtrail.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mailtrail.console.testing.PagesAgainstStubs;
import org.mailtrail.console.testing.SignedIn;
import org.mailtrail.testsupport.IntegrationTest;
import org.mailtrail.testsupport.ManualClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The admin's pages for held mail, copies and the directory's safe start, rendered by the running console against
 * config-service and interaction-matcher as real HTTP servers (stubs that answer as the services' APIs do): what each
 * page shows, what it sends the services, and how it shows what it or they refused.
 */
@IntegrationTest
// Imported rather than found as a nested configuration: the @Nested classes' contexts would not find it, and the
// rematch form would propose the last 30 days up to the real today.
@Import(AdminPagesIT.StandingClock.class)
class AdminPagesIT extends PagesAgainstStubs {

    /** The console's clock: the day the rematch form proposes its last 30 days up to. */
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static final String ADMIN = """
            {"subject":"admin","name":"admin@contoso.com","roles":["mailtrail-admin"],"salespersonCodes":[]}""";

    static final String SAFE_START = "The directory has no salespeople or contacts yet: mailtrail deletes nothing; "
            + "unmatched mail is held (or left) until it has entries.";

    @TestConfiguration
    static class StandingClock {

        @Bean
        Clock clock() {
            return new ManualClock(NOW);
        }
    }

    SignedIn admin() {
        return signedIn("admin", "Ada Admin", ADMIN);
    }

    MockHttpServletResponse perform(SignedIn person, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(person.session)).andReturn().getResponse();
    }

    static String ledger(boolean safeStart) {
        return """
                {"connectionId":"demo","received":20,"logged":10,"excluded":3,"excludedByRule":{"DRAFT":3},
                 "held":6,"heldByRule":{"UNKNOWN_SENDER":4,"CONTACT_TO_CONTACT":2},"loggedLate":2,"copies":5,
                 "failed":1,"interactions":12,"mailbox":{"ARCHIVED":12,"HELD":6,"FAILED":0},
                 "directory":{"salespeople":%d,"contacts":%d,"safeStart":%s}}"""
                .formatted(safeStart ? 0 : 3, safeStart ? 0 : 120, safeStart);
    }

    static String run(String id, String status, long processed, long loggedLate, String error) {
        return """
                {"id":"%s","connectionId":"demo","from":"2026-11-03T23:00:00Z","to":"2026-12-04T23:00:00Z",
                 "requestedBy":"admin@contoso.com","status":"%s","total":12,"processed":%d,"loggedLate":%d,
                 "startedAt":"2026-12-04T10:00:01Z","finishedAt":%s,"error":%s}"""
                .formatted(id, status, processed, loggedLate,
                        "RUNNING".equals(status) ? "null" : "\"2026-12-04T10:00:09Z\"",
                        error == null ? "null" : "\"" + error + "\"");
    }

    static String connection(String hold, String copies) {
        return """
                {"id":"contoso-sales","revision":3,"displayName":"Contoso sales","tenantId":"contoso.com",
                 "clientId":"5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b","authMode":"APPLICATION",
                 "mailbox":"crm-log@contoso.com","sourceFolder":"inbox","archiveFolder":"archive",
                 "unmatchedPolicy":"DELETE","deleteMode":"MOVE_TO_DELETED_ITEMS","internalDomains":["contoso.com"],
                 "graphBaseUrl":"https://graph.microsoft.com/v1.0","authorityHost":"https://login.microsoftonline.com",
                 "pollInterval":"PT5M",%s%s"enabled":false,"secret":{"source":"STORED","keyId":1},
                 "createdAt":"2026-12-01T10:00:00Z","createdBy":"admin","updatedAt":"2026-12-01T10:00:00Z",
                 "updatedBy":"admin"}"""
                .formatted(hold == null ? "" : "\"hold\":" + hold + ",",
                        copies == null ? "" : "\"copies\":\"" + copies + "\",");
    }

    @Nested
    class Completeness {

        @Test
        void showsHeldMailLoggedLateCopiesAndTheHoldFolderWithTheSafeStartNotice() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/ledger", 200, "[" + ledger(true) + "]");
            services.on("GET", "/api/ledger/demo/failures", 200, "{\"items\":[]}");
            services.on("GET", "/api/ledger/demo/rematches", 200, "{\"items\":[]}");

            MockHttpServletResponse page = perform(admin, get("/completeness"));

            assertThat(page.getStatus()).isEqualTo(200);
            String html = page.getContentAsString();
            assertThat(html).contains("id=\"safe-start\"", SAFE_START, "Received = logged + excluded + held + failed");
            assertThat(html).contains("<dd id=\"ledger-demo-held\">6</dd>",
                    "<dd id=\"ledger-demo-logged-late\"><span>2</span>", "<dd id=\"ledger-demo-copies\"><span>5</span>",
                    "<dd id=\"ledger-demo-mailbox-HELD\">6</dd>");
            assertThat(html).contains("id=\"ledger-demo-held-UNKNOWN_SENDER\"",
                    "The sender is neither a salesperson nor a contact", "<td>4</td>",
                    "id=\"ledger-demo-held-CONTACT_TO_CONTACT\"", "<td>2</td>");
            assertThat(html).as("the last 30 days and today, by the console's clock")
                    .contains("name=\"from\" id=\"rematch-demo-from\" value=\"2026-11-04\"",
                            "name=\"to\" id=\"rematch-demo-to\" value=\"2026-12-04\"",
                            "action=\"/completeness/demo/rematches\"", "id=\"rematch-demo-runs-none\"");
        }

        @Test
        void saysNothingOfASafeStartOnceTheDirectoryHasEntriesAndListsTheRecentRuns() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/ledger", 200, "[" + ledger(false) + "]");
            services.on("GET", "/api/ledger/demo/failures", 200, "{\"items\":[]}");
            services.on("GET", "/api/ledger/demo/rematches", 200, "{\"items\":[%s,%s]}".formatted(
                    run("r-2", "RUNNING", 4, 1, null), run("r-1", "FAILED", 7, 0, "the directory could not be read")));

            String html = perform(admin, get("/completeness")).getContentAsString();

            assertThat(html).doesNotContain("id=\"safe-start\"", SAFE_START);
            assertThat(html).contains("id=\"rematch-run-r-2\"", "hx-get=\"/completeness/rematches/r-2\"",
                    "hx-trigger=\"every 1s\"", "4 of 12 held mails matched again", "1 logged late");
            assertThat(html).contains("id=\"rematch-run-r-1-error\"", "the directory could not be read")
                    .doesNotContain("hx-get=\"/completeness/rematches/r-1\"");
        }

        @Test
        void startsARunOverTheHeldMailOfThePeriodAndFollowsItEverySecondUntilItIsDone() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/ledger", 200, "[" + ledger(false) + "]");
            services.on("GET", "/api/ledger/demo/failures", 200, "{\"items\":[]}");
            services.on("GET", "/api/ledger/demo/rematches", 200, "{\"items\":[]}");
            services.on("POST", "/api/ledger/demo/rematches", 202, run("r-3", "RUNNING", 0, 0, null),
                    "Location", "/api/rematches/r-3");
            services.on("GET", "/api/rematches/r-3", 200, run("r-3", "RUNNING", 5, 1, null));
            services.on("GET", "/api/rematches/r-3", 200, run("r-3", "DONE", 12, 3, null));
            String page = perform(admin, get("/completeness")).getContentAsString();

            MockHttpServletResponse started = perform(admin, post("/completeness/demo/rematches")
                    .header("HX-Request", "true").param("_csrf", SignedIn.csrf(page)).param("from", "2026-11-04")
                    .param("to", "2026-12-04").param("tz", "Europe/Berlin"));

            assertThat(started.getStatus()).isEqualTo(200);
            assertThat(started.getContentAsString()).doesNotContain("<html").contains("id=\"rematch-demo\"",
                    "id=\"rematch-run-r-3\"", "hx-get=\"/completeness/rematches/r-3\"", "hx-trigger=\"every 1s\"",
                    "0 of 12 held mails matched again", "value=\"2026-11-04\"");
            var asked = services.requests("POST", "/api/ledger/demo/rematches").get(0);
            assertThat(asked.body()).as("days of Berlin, To included")
                    .isEqualTo("{\"from\":\"2026-11-03T23:00:00Z\",\"to\":\"2026-12-04T23:00:00Z\"}");
            assertThat(asked.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + admin.accessToken);

            String running = perform(admin, get("/completeness/rematches/r-3").header("HX-Request", "true"))
                    .getContentAsString();
            String done = perform(admin, get("/completeness/rematches/r-3").header("HX-Request", "true"))
                    .getContentAsString();

            assertThat(running).contains("5 of 12 held mails matched again", "1 logged late", "hx-trigger=\"every 1s\"",
                    "data-status=\"RUNNING\"");
            assertThat(done).contains("12 of 12 held mails matched again", "3 logged late", "data-status=\"DONE\"",
                    ">Done</span>").doesNotContain("hx-trigger", "hx-get");
        }

        @Test
        void goesBackToTheLedgerWhenTheRunIsStartedWithoutHtmx() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/ledger", 200, "[" + ledger(false) + "]");
            services.on("GET", "/api/ledger/demo/failures", 200, "{\"items\":[]}");
            services.on("POST", "/api/ledger/demo/rematches", 202, run("r-3", "RUNNING", 0, 0, null));
            String page = perform(admin, get("/completeness")).getContentAsString();

            MockHttpServletResponse started = perform(admin, post("/completeness/demo/rematches")
                    .param("_csrf", SignedIn.csrf(page)).param("from", "2026-11-04").param("to", "2026-12-04"));

            assertThat(started.getStatus()).isEqualTo(302);
            assertThat(started.getHeader(HttpHeaders.LOCATION)).isEqualTo("/completeness#rematch-demo");
            assertThat(services.requests("POST", "/api/ledger/demo/rematches").get(0).body())
                    .isEqualTo("{\"from\":\"2026-11-04T00:00:00Z\",\"to\":\"2026-12-05T00:00:00Z\"}");
        }

        @Test
        void refusesABadPeriodInTheFormAndAsksTheMatcherNothing() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/ledger", 200, "[" + ledger(false) + "]");
            services.on("GET", "/api/ledger/demo/failures", 200, "{\"items\":[]}");
            services.on("GET", "/api/ledger/demo/rematches", 200, "{\"items\":[]}");
            String page = perform(admin, get("/completeness")).getContentAsString();

            MockHttpServletResponse backwards = perform(admin, post("/completeness/demo/rematches")
                    .header("HX-Request", "true").param("_csrf", SignedIn.csrf(page)).param("from", "2026-12-04")
                    .param("to", "2026-11-04"));
            MockHttpServletResponse tooLong = perform(admin, post("/completeness/demo/rematches")
                    .param("_csrf", SignedIn.csrf(page)).param("from", "2025-01-01").param("to", "2026-12-04"));
            MockHttpServletResponse notADate = perform(admin, post("/completeness/demo/rematches")
                    .header("HX-Request", "true").param("_csrf", SignedIn.csrf(page)).param("from", "yesterday")
                    .param("to", "2026-12-04"));

            assertThat(backwards.getStatus()).isEqualTo(400);
            assertThat(backwards.getContentAsString()).doesNotContain("<html").contains("id=\"rematch-demo-refused\"",
                    "id=\"rematch-demo-to-error\"", "is before From", "aria-invalid=\"true\"",
                    "value=\"2026-12-04\"");
            assertThat(tooLong.getStatus()).isEqualTo(400);
            assertThat(tooLong.getContentAsString()).contains("<h1>Completeness</h1>", "id=\"rematch-demo-to-error\"",
                    "longer than 366 days");
            assertThat(notADate.getStatus()).isEqualTo(400);
            assertThat(notADate.getContentAsString()).contains("id=\"rematch-demo-from-error\"", "is not a date",
                    "value=\"yesterday\"");
            assertThat(services.requests("POST", "/api/ledger/demo/rematches")).isEmpty();
        }

        @Test
        void showsTheMatchersRefusalOfARunAsItsProblemAndKeepsTheForm() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/ledger", 200, "[" + ledger(false) + "]");
            services.on("GET", "/api/ledger/demo/failures", 200, "{\"items\":[]}");
            services.on("GET", "/api/ledger/demo/rematches", 200, "{\"items\":[]}");
            services.on("POST", "/api/ledger/demo/rematches", 409, """
                    {"type":"urn:mailtrail:problem:rematch-running","title":"A run is going on","status":409,
                     "detail":"connection demo is being matched again already"}""");
            String page = perform(admin, get("/completeness")).getContentAsString();

            MockHttpServletResponse refused = perform(admin, post("/completeness/demo/rematches")
                    .header("HX-Request", "true").param("_csrf", SignedIn.csrf(page)).param("from", "2026-11-04")
                    .param("to", "2026-12-04"));

            assertThat(refused.getStatus()).isEqualTo(409);
            assertThat(refused.getContentAsString()).contains("<h2>A run is going on</h2>",
                    "connection demo is being matched again already", "Answered by interaction-matcher (HTTP 409).",
                    "id=\"rematch-demo-form\"", "value=\"2026-11-04\"");
        }
    }

    @Nested
    class Settings {

        @Test
        void proposeHoldingMailThirtyDaysInNotLoggedAndCopiesLikeTheFirstForANewConnection() throws Exception {
            String html = perform(admin(), get("/setup")).getContentAsString();

            assertThat(html).containsPattern("id=\"holdEnabled\" name=\"holdEnabled\" value=\"true\"[^>]*checked")
                    .contains("id=\"holdFolder\" name=\"holdFolder\" maxlength=\"100\" autocomplete=\"off\" value=\"Not logged\"",
                            "value=\"30\"", "<option value=\"LIKE_FIRST\" selected=\"selected\">");
        }

        @Test
        void sendsTheHoldAndCopiesToConfigServiceWhenCreating() throws Exception {
            SignedIn admin = admin();
            services.on("POST", "/api/connections", 201, connection(
                    "{\"enabled\":true,\"folder\":\"Nicht protokolliert\",\"retention\":\"P45D\"}", "DELETE"));
            String form = perform(admin, get("/setup")).getContentAsString();

            MockHttpServletResponse created = perform(admin, post("/setup").param("_csrf", SignedIn.csrf(form))
                    .param("displayName", "Contoso sales").param("id", "contoso-sales").param("tenantId", "contoso.com")
                    .param("clientId", "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b").param("authMode", "APPLICATION")
                    .param("clientSecret", "s3cret").param("mailbox", "crm-log@contoso.com")
                    .param("holdEnabled", "true").param("holdFolder", "Nicht protokolliert")
                    .param("holdRetention", "45").param("copies", "DELETE"));

            assertThat(created.getStatus()).isEqualTo(302);
            assertThat(created.getHeader(HttpHeaders.LOCATION)).isEqualTo("/setup/contoso-sales#step-check");
            assertThat(services.requests("POST", "/api/connections").get(0).body()).contains(
                    "\"hold\":{\"enabled\":true,\"folder\":\"Nicht protokolliert\",\"retention\":\"P45D\"}",
                    "\"copies\":\"DELETE\"");
        }

        @Test
        void sendsAClearedHoldAsOffAndShowsWhatConfigServiceRefusedBesideItsField() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/connections/contoso-sales", 200,
                    connection("{\"enabled\":true,\"folder\":\"Not logged\",\"retention\":\"PT12H\"}", "LIKE_FIRST"));
            services.on("PUT", "/api/connections/contoso-sales", 400, """
                    {"type":"urn:mailtrail:problem:invalid-request","title":"Invalid request","status":400,
                     "detail":"hold.folder: must not be the archive folder",
                     "errors":[{"field":"hold.folder","reason":"must not be the archive folder"}]}""");
            String form = perform(admin, get("/connections/contoso-sales/edit")).getContentAsString();
            assertThat(form).as("a retention of no whole days, shown as it is")
                    .containsPattern("id=\"holdRetention\"[^>]*value=\"PT12H\"");

            MockHttpServletResponse refused = perform(admin, post("/connections/contoso-sales/edit")
                    .param("_csrf", SignedIn.csrf(form)).param("revision", "3").param("displayName", "Contoso sales")
                    .param("tenantId", "contoso.com").param("clientId", "5f2c8a7e-3b4d-4e6f-8a1b-2c3d4e5f6a7b")
                    .param("authMode", "APPLICATION").param("mailbox", "crm-log@contoso.com")
                    .param("holdFolder", "archive").param("holdRetention", "PT12H").param("copies", "LIKE_FIRST"));

            assertThat(services.requests("PUT", "/api/connections/contoso-sales").get(0).body()).contains(
                    "\"hold\":{\"enabled\":false,\"folder\":\"archive\",\"retention\":\"PT12H\"}",
                    "\"copies\":\"LIKE_FIRST\"");
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("id=\"holdFolder-error\"",
                    "<span>must not be the archive folder</span>", "href=\"#holdFolder\"",
                    "Hold folder: must not be the archive folder", "aria-describedby=\"holdFolder-help holdFolder-error\"");
        }

        @Test
        void refusesHoldDaysItCannotSendAndSendsNothing() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/connections/contoso-sales", 200, connection(null, null));
            String form = perform(admin, get("/connections/contoso-sales/edit")).getContentAsString();

            MockHttpServletResponse refused = perform(admin, post("/connections/contoso-sales/edit")
                    .param("_csrf", SignedIn.csrf(form)).param("revision", "3").param("authMode", "APPLICATION")
                    .param("holdEnabled", "true").param("holdRetention", "a month"));

            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("id=\"holdRetention-error\"",
                    "must be a number of days from 1 to 3650");
            assertThat(services.requests("PUT", "/api/connections/contoso-sales")).isEmpty();
        }

        @Test
        void showsTheHoldAndCopiesOfAConnection() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/connections/contoso-sales", 200,
                    connection("{\"enabled\":true,\"folder\":\"Not logged\",\"retention\":\"P30D\"}", "DELETE"));

            String html = perform(admin, get("/connections/contoso-sales")).getContentAsString();

            assertThat(html).contains("<dd id=\"settings-hold\">Held in Not logged for 30 days</dd>",
                    "<dd id=\"settings-copies\">Deleted</dd>");
        }
    }

    @Nested
    class SetupCheck {

        @Test
        void warnsWithTheSafeStartWhileTheDirectoryIsEmpty() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/connections/contoso-sales", 200, connection(null, null));
            services.on("GET", "/api/ledger/contoso-sales", 200, ledger(true).replace("\"demo\"", "\"contoso-sales\""));

            String html = perform(admin, get("/setup/contoso-sales")).getContentAsString();

            assertThat(html).contains("id=\"check-directory\" data-status=\"WARNING\"", ">Warning</span>",
                    "<p id=\"check-directory-message\">" + SAFE_START + "</p>", "id=\"remedy-directory\"",
                    "href=\"/directory\"");
            assertThat(services.requests("GET", "/api/ledger/contoso-sales").get(0).header(HttpHeaders.AUTHORIZATION))
                    .isEqualTo("Bearer " + admin.accessToken);
        }

        @Test
        void passesWithTheCountsOnceTheDirectoryHasEntries() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/connections/contoso-sales", 200, connection(null, null));
            services.on("GET", "/api/ledger/contoso-sales", 200, ledger(false).replace("\"demo\"", "\"contoso-sales\""));

            String html = perform(admin, get("/setup/contoso-sales")).getContentAsString();

            assertThat(html).contains("id=\"check-directory\" data-status=\"PASSED\"",
                    "<p id=\"check-directory-message\">The directory has 3 salespeople and 120 contacts.</p>")
                    .doesNotContain("id=\"remedy-directory\"");
        }

        @Test
        void saysWhenTheMatcherDoesNotKnowTheConnectionYet() throws Exception {
            SignedIn admin = admin();
            services.on("GET", "/api/connections/contoso-sales", 200, connection(null, null));

            MockHttpServletResponse page = perform(admin, get("/setup/contoso-sales"));

            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentAsString()).contains("id=\"check-directory\" data-status=\"SKIPPED\"",
                    "interaction-matcher has not heard of this connection yet");
        }
    }
}
