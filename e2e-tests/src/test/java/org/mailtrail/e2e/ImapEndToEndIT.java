package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.localrun.LocalImapServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import tools.jackson.databind.JsonNode;

/**
 * The IMAP source beside the Graph one: the same mail, one case of each of the matcher's rules, delivered to a Graph
 * mailbox (through the emulator) and over SMTP to an IMAP mailbox (the stack's IMAP server), must come out the same on
 * both sides: the same interactions, the same folder for each mail, the same ledger. And a salesperson opens an IMAP
 * mail in mailtrail itself, which no one else may, and the console shows it on a page of its own (headless Chromium)
 * without running anything the mail carries. The stack is {@link PipelineStack}'s; the directory entries here are
 * added to the ones {@link EndToEndIT} loaded, with addresses of their own.
 */
@Order(Order.DEFAULT + 2)
class ImapEndToEndIT {

    private static final String GRAPH_MAILBOX = PipelineStack.IMAP_TWIN_MAILBOX;
    private static final String GRAPH = "contoso-twin-graph";
    private static final String IMAP_MAILBOX = PipelineStack.IMAP_MAILBOX;
    private static final String IMAP = "contoso-twin-imap";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String HOLD = "Not logged";
    private static final String IMAP_DELETED = "Deleted Items";

    @RegisterExtension
    static final MailtrailUnderTest mailtrail = PipelineStack.mailtrail();
    @RegisterExtension
    final Browser browser = new Browser();
    private static final Api admin = new Api().as(() -> mailtrail.stack().adminToken());
    /** A sales manager: sees every salesperson's interactions. */
    private static final Api manager = new Api().as(() -> mailtrail.stack().personToken("maria"));
    private static final Api anna = new Api().as(() -> mailtrail.stack().personToken("anna"));
    private static final Api luis = new Api().as(() -> mailtrail.stack().personToken("luis"));

    private static final String ANNA = "Anna Berger <anna.berger@contoso.com>";
    private static final String LUIS = "Luis Ortega <luis.ortega@contoso.com>";
    private static final String PAT = "Pat Quinn <pat.quinn@tailspin.example>";
    private static final String ROBIN_ALTERNATE = "Robin Fox <r.fox@tailspin.example>";
    private static final String KAI = "Kai Berg <kai.berg@litware.example>";
    private static final String STRANGER = "Alex Stone <alex@nowhere-twin.example>";

    /** What becomes of a mail: logged (and archived), excluded (and deleted) or held, and for which rule. */
    enum Outcome {
        LOGGED, EXCLUDED, HELD
    }

    /**
     * One of the matcher's cases.
     *
     * @param interactions "salesperson/contact/direction/matchedBy" of each interaction the mail must make
     * @param rule the rule that excluded or held it; null when it is logged
     */
    record Case(String name, String from, List<String> to, List<String> cc, Outcome outcome, String rule,
            Set<String> interactions) {
    }

    /** Written here from the rules (interaction-matcher's README), not taken from what either source did. */
    static final List<Case> CASES = List.of(
            new Case("outbound", ANNA, List.of(PAT), List.of(), Outcome.LOGGED, null,
                    Set.of("AB/CT-TW-PQ/OUTBOUND/PRIMARY")),
            new Case("inbound", PAT, List.of(ANNA), List.of(), Outcome.LOGGED, null,
                    Set.of("AB/CT-TW-PQ/INBOUND/PRIMARY")),
            new Case("internal-only", ANNA, List.of(LUIS), List.of(), Outcome.EXCLUDED, "INTERNAL_ONLY", Set.of()),
            new Case("unknown-sender", STRANGER, List.of(ANNA), List.of(), Outcome.HELD, "UNKNOWN_SENDER", Set.of()),
            new Case("contact-to-contact", PAT, List.of(KAI), List.of(), Outcome.HELD, "CONTACT_TO_CONTACT", Set.of()),
            new Case("several-contacts", ANNA, List.of(PAT, KAI), List.of(LUIS), Outcome.LOGGED, null,
                    Set.of("AB/CT-TW-PQ/OUTBOUND/PRIMARY", "AB/CT-LW-KB/OUTBOUND/PRIMARY")),
            new Case("several-salespeople-cc", PAT, List.of(ANNA), List.of(LUIS), Outcome.LOGGED, null,
                    Set.of("AB/CT-TW-PQ/INBOUND/PRIMARY", "LO/CT-TW-PQ/INBOUND/PRIMARY")),
            new Case("alternate-address-cc", ROBIN_ALTERNATE, List.of(KAI), List.of(LUIS), Outcome.LOGGED, null,
                    Set.of("LO/CT-TW-RF/INBOUND/ALTERNATE")));

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static JsonNode imapChecks;

    @BeforeAll
    static void connectBothSourcesAndDeliverEveryCaseToEach() {
        // Exchange Server's mailbox has its Deleted Items from the start; the archive folder the checks create.
        mailtrail.stack().imapServer().addMailbox(IMAP_MAILBOX);
        mailtrail.stack().imapServer().createFolder(IMAP_MAILBOX, IMAP_DELETED);
        mailtrail.connect(admin, GRAPH, GRAPH_MAILBOX, Map.of());
        imapChecks = mailtrail.connectImap(admin, IMAP, IMAP_MAILBOX, mailtrail.stack().imapServer().imapsPort(),
                Map.of());
        addTheTwinsDirectory();

        for (Case mail : CASES) {
            mailtrail.emulator().deliver(GRAPH_MAILBOX, mail(mail, "graph"));
            mailtrail.stack().imapServer().deliver(IMAP_MAILBOX, mail(mail, "imap"));
        }
        for (String connection : List.of(GRAPH, IMAP)) {
            await().atMost(WAIT).until(() -> settled(ledger(connection)));
        }
    }

    @Test
    void theImapConnectionsSetupChecksPassWithoutWarningsAgainstAServerWithMoveUidplusAndIdle() {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode result : imapChecks.path("results")) {
            statuses.put(result.path("check").asString(), result.path("status").asString());
        }
        assertThat(statuses).as("checks of %s", imapChecks).containsEntry("dns", "PASSED")
                .containsEntry("tcp", "PASSED").containsEntry("tls", "PASSED").containsEntry("login", "PASSED")
                .containsEntry("sourceFolder", "PASSED").containsEntry("archiveFolder", "PASSED")
                .containsEntry("move", "PASSED").containsEntry("idle", "PASSED");
    }

    @Test
    void everyCaseMakesTheSameInteractionsThroughImapAsThroughGraphAndAsTheRulesSay() {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        Map<String, Set<String>> imap = new LinkedHashMap<>();
        List<JsonNode> graphInteractions = interactions(GRAPH);
        List<JsonNode> imapInteractions = interactions(IMAP);
        for (Case mail : CASES) {
            expected.put(mail.name(), new TreeSet<>(mail.interactions()));
            graph.put(mail.name(), pairs(graphInteractions, messageId(mail, "graph")));
            imap.put(mail.name(), pairs(imapInteractions, messageId(mail, "imap")));
        }
        assertThat(graph).as("Graph's interactions by case").isEqualTo(expected);
        assertThat(imap).as("IMAP's interactions by case").isEqualTo(expected);
    }

    @Test
    void everyImapMailIsInExactlyTheOneFolderItsOutcomeNamesAsEveryGraphMailIs() {
        LocalImapServer server = mailtrail.stack().imapServer();
        Map<String, Map<String, Integer>> imapExpected = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> imapFound = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> graphExpected = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> graphFound = new LinkedHashMap<>();
        for (Case mail : CASES) {
            imapExpected.put(mail.name(), Map.of(switch (mail.outcome()) {
                case LOGGED -> MailtrailUnderTest.IMAP_ARCHIVE;
                case EXCLUDED -> IMAP_DELETED;
                case HELD -> HOLD;
            }, 1));
            imapFound.put(mail.name(), server.whereIs(IMAP_MAILBOX, messageId(mail, "imap")));
            graphExpected.put(mail.name(), Map.of(switch (mail.outcome()) {
                case LOGGED -> "archive";
                case EXCLUDED -> "deleteditems";
                case HELD -> HOLD;
            }, 1));
            graphFound.put(mail.name(), graphFolders(messageId(mail, "graph")));
        }
        assertThat(imapFound).as("where each IMAP mail is").isEqualTo(imapExpected);
        assertThat(graphFound).as("where each Graph mail is").isEqualTo(graphExpected);
    }

    @Test
    void bothLedgersCountTheCasesAlike() {
        JsonNode graph = ledger(GRAPH);
        JsonNode imap = ledger(IMAP);
        long logged = CASES.stream().filter(mail -> mail.outcome() == Outcome.LOGGED).count();
        long excluded = CASES.stream().filter(mail -> mail.outcome() == Outcome.EXCLUDED).count();
        long held = CASES.stream().filter(mail -> mail.outcome() == Outcome.HELD).count();
        long interactions = CASES.stream().mapToLong(mail -> mail.interactions().size()).sum();
        for (JsonNode ledger : List.of(graph, imap)) {
            String name = ledger.path("connectionId").asString();
            assertThat(ledger.path("received").asLong()).as("%s received", name).isEqualTo(CASES.size());
            assertThat(ledger.path("logged").asLong()).as("%s logged", name).isEqualTo(logged);
            assertThat(ledger.path("excluded").asLong()).as("%s excluded", name).isEqualTo(excluded);
            assertThat(ledger.path("held").asLong()).as("%s held", name).isEqualTo(held);
            assertThat(ledger.path("failed").asLong()).as("%s failed", name).isZero();
            assertThat(ledger.path("interactions").asLong()).as("%s interactions", name).isEqualTo(interactions);
            assertThat(ledger.at("/excludedByRule/INTERNAL_ONLY").asLong()).isEqualTo(1);
            assertThat(ledger.at("/heldByRule/UNKNOWN_SENDER").asLong()).isEqualTo(1);
            assertThat(ledger.at("/heldByRule/CONTACT_TO_CONTACT").asLong()).isEqualTo(1);
            assertThat(ledger.at("/mailbox/ARCHIVED").asLong()).as("%s archived", name).isEqualTo(logged);
            assertThat(ledger.at("/mailbox/DELETED").asLong()).as("%s deleted", name).isEqualTo(excluded);
            assertThat(ledger.at("/mailbox/HELD").asLong()).as("%s held in the mailbox", name).isEqualTo(held);
        }
        assertThat(imap.path("excludedByRule")).isEqualTo(graph.path("excludedByRule"));
        assertThat(imap.path("heldByRule")).isEqualTo(graph.path("heldByRule"));
    }

    @Test
    void theSalespersonOpensAnImapMailInMailtrailSanitisedAndAnotherSalespersonCannot() {
        Case inbound = CASES.get(1);
        JsonNode interaction = interactionsOf(interactions(IMAP), messageId(inbound, "imap")).get(0);
        String id = interaction.path("id").asString();
        JsonNode view = anna.get(mailtrail.url("interaction-matcher") + "/api/interactions/" + id).body();
        assertThat(view.path("openable").asBoolean()).as("%s", view).isTrue();
        assertThat(view.path("webLink").asString("")).as("an IMAP URL is never offered as a link").doesNotStartWith("imap:");
        String messageUrl = mailtrail.url("interaction-matcher") + view.path("messageUrl").asString();

        Api.Response opened = anna.get(messageUrl);
        assertThat(opened.status()).as("%s", opened.body()).isEqualTo(200);
        JsonNode content = opened.body();
        assertThat(content.path("internetMessageId").asString()).isEqualTo(messageId(inbound, "imap"));
        assertThat(content.path("subject").asString()).isEqualTo(subject(inbound));
        assertThat(content.at("/from/address").asString()).isEqualTo("pat.quinn@tailspin.example");
        assertThat(content.path("folder").asString()).isEqualTo(MailtrailUnderTest.IMAP_ARCHIVE);
        assertThat(content.path("text").asString()).contains("Could you quote 40 pallet racks?");
        String html = content.path("html").asString();
        assertThat(html).contains("40 pallet racks").doesNotContain("<script", "<img", "onclick", "javascript:");

        assertThat(luis.get(messageUrl).status()).as("Luis may not see Anna's interaction").isEqualTo(404);

        // Graph's interaction keeps opening in Outlook.
        JsonNode graphInteraction = interactionsOf(interactions(GRAPH), messageId(inbound, "graph")).get(0);
        Api.Response graphOpened = anna.get(mailtrail.url("interaction-matcher") + "/api/interactions/"
                + graphInteraction.path("id").asString() + "/message");
        assertThat(graphOpened.status()).isEqualTo(302);
        assertThat(graphOpened.header("Location")).startsWith("https://");
    }

    @Test
    void theConsolesOpenEmailShowsTheImapMailOnAPageOfItsOwnAndRunsNothingOfIt() {
        Case inbound = CASES.get(1);
        String id = interactionsOf(interactions(IMAP), messageId(inbound, "imap")).get(0).path("id").asString();
        String console = mailtrail.stack().consoleUrl();
        browser.signIn(console, "anna", mailtrail.stack().identity().password("anna"));

        browser.open(console + "/log/" + id + "/mail");

        assertThat(browser.text(By.id("mail-subject"))).isEqualTo(subject(inbound));
        assertThat(browser.text(By.id("mail-from"))).contains("pat.quinn@tailspin.example");
        assertThat(browser.text(By.id("mail-html"))).contains("Could you quote 40 pallet racks?");
        assertThat(browser.findAll(By.cssSelector("#mail-html script, #mail-html img, #mail-html [onclick]")))
                .as("what the sanitiser must have taken out").isEmpty();
        JavascriptExecutor page = (JavascriptExecutor) browser.driver();
        assertThat(page.executeScript("return document.title")).as("the mail's script sets the title when it runs")
                .isEqualTo(subject(inbound) + " · mailtrail");
        assertThat(page.executeScript("return performance.getEntriesByType('resource').map(e => e.name).join(' ')")
                .toString()).as("requests the page made").doesNotContain("tracker.example");
        browser.accessible().screenshot("console-imap-mail");
    }

    // --- the mail

    private static Mail mail(Case mail, String source) {
        Mail.Builder builder = Mail.builder().internetMessageId(messageId(mail, source)).from(mail.from())
                .to(mail.to().toArray(String[]::new)).cc(mail.cc().toArray(String[]::new)).subject(subject(mail));
        if (mail.name().equals("inbound")) {
            // What a sanitiser must take out: a script, a remote image, an event handler and a script link.
            return builder.htmlBody("<html><body><p onclick=\"steal()\">Could you quote 40 pallet racks?</p>"
                    + "<script>document.title='ran'</script><img src=\"https://tracker.example/p.gif\">"
                    + "<a href=\"javascript:steal()\">terms</a></body></html>").build();
        }
        return builder.body("Twin mail: " + mail.name()).build();
    }

    private static String messageId(Case mail, String source) {
        return "<twin-" + source + "-" + mail.name() + "-" + RUN + "@mailtrail.test>";
    }

    private static String subject(Case mail) {
        return "Twin " + mail.name() + " " + RUN;
    }

    /** Salespeople AB and LO with their existing addresses; contacts at two companies of their own. */
    private static void addTheTwinsDirectory() {
        String matcher = mailtrail.url("interaction-matcher");
        assertThat(admin.put(matcher + "/api/directory/salespeople", List.of(
                Map.of("code", "AB", "name", "Anna Berger", "emails", List.of("anna.berger@contoso.com")),
                Map.of("code", "LO", "name", "Luis Ortega", "emails", List.of("luis.ortega@contoso.com"))))
                .status()).isEqualTo(200);
        assertThat(admin.put(matcher + "/api/directory/contacts", List.of(
                Map.of("contactId", "CT-TW-PQ", "name", "Pat Quinn", "type", "PERSON", "companyId", "CT-TW",
                        "companyName", "Tailspin Toys", "email", "pat.quinn@tailspin.example"),
                Map.of("contactId", "CT-TW-RF", "name", "Robin Fox", "type", "PERSON", "companyId", "CT-TW",
                        "companyName", "Tailspin Toys", "email", "robin.fox@tailspin.example",
                        "alternateEmails", List.of("r.fox@tailspin.example")),
                Map.of("contactId", "CT-LW-KB", "name", "Kai Berg", "type", "PERSON", "companyId", "CT-LW",
                        "companyName", "Litware", "email", "kai.berg@litware.example")))
                .status()).isEqualTo(200);
    }

    // --- what the user sees

    private static boolean settled(JsonNode ledger) {
        long received = ledger.path("received").asLong();
        return received >= CASES.size()
                && ledger.path("logged").asLong() + ledger.path("excluded").asLong() + ledger.path("held").asLong()
                        + ledger.path("failed").asLong() >= received
                && ledger.at("/mailbox/REQUESTED").asLong() == 0
                && ledger.at("/mailbox/ARCHIVED").asLong() + ledger.at("/mailbox/DELETED").asLong()
                        + ledger.at("/mailbox/HELD").asLong() + ledger.at("/mailbox/LEFT").asLong()
                        + ledger.at("/mailbox/FAILED").asLong() >= received;
    }

    private static JsonNode ledger(String connection) {
        return admin.get(mailtrail.url("interaction-matcher") + "/api/ledger/" + connection).body();
    }

    private static List<JsonNode> interactions(String connection) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : manager.get(mailtrail.url("interaction-matcher") + "/api/interactions?connectionId="
                + connection + "&limit=200").body().path("items")) {
            found.add(item);
        }
        return found;
    }

    private static List<JsonNode> interactionsOf(List<JsonNode> interactions, String internetMessageId) {
        return interactions.stream().filter(item -> internetMessageId.equals(item.path("internetMessageId").asString()))
                .toList();
    }

    private static Set<String> pairs(List<JsonNode> interactions, String internetMessageId) {
        return interactionsOf(interactions, internetMessageId).stream()
                .map(item -> item.path("salespersonCode").asString() + "/" + item.path("contactId").asString() + "/"
                        + item.path("direction").asString() + "/" + item.path("matchedBy").asString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Integer> graphFolders(String internetMessageId) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String folder : List.of("inbox", "archive", "deleteditems", HOLD)) {
            int copies = (int) mailtrail.emulator().messages(GRAPH_MAILBOX, folder).stream()
                    .filter(message -> internetMessageId.equals(message.internetMessageId())).count();
            if (copies > 0) {
                found.put(folder, copies);
            }
        }
        return found;
    }
}
