package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.localrun.DemoData;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

/**
 * An admin in the console: lands on the connections, sets up a second mailbox of the tenant from nothing to Enabled
 * against graph-emulator (a wrong secret first, whose failing check and remedy come first), reads the completeness
 * ledger, and imports a CSV file of contacts in which one line is wrong.
 */
@ExtendWith(ConsoleStack.Shared.class)
class ConsoleAdminIT {

    private static final Duration CHECK = Duration.ofSeconds(90);

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void anAdminLandsOnTheConnectionsAndSeesNoLogOfItsOwn(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "admin", stack.password("admin"));

        assertThat(browser.driver().getCurrentUrl()).isEqualTo(stack.consoleUrl() + "/connections");
        assertThat(browser.find(By.id("state-" + DemoData.CONNECTION_ID)).getText()).isEqualTo("Enabled");
        assertThat(browser.findAll(By.linkText("Interaction log"))).isEmpty();
        browser.accessible();
    }

    @Test
    void setsUpAMailboxFromNothingToEnabledWithTheFailingCheckAndItsRemedyFirst(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "admin", stack.password("admin"));
        browser.open(stack.consoleUrl() + "/setup").accessible();
        type("displayName", "New mail log");
        type("id", "new-mail-log");
        type("tenantId", DemoData.TENANT_ID);
        type("clientId", DemoData.CLIENT_ID);
        type("clientSecret", "not-the-secret");
        type("mailbox", ConsoleStack.SETUP_MAILBOX);
        browser.find(By.id("create")).click();
        assertThat(browser.text(By.id("notice"))).contains("created");

        browser.find(By.id("check")).click();
        assertThat(browser.waitFor(By.id("check-summary"), CHECK).getText()).contains("checks failed");
        List<WebElement> checks = browser.findAll(By.cssSelector("#check-report [data-status]"));
        assertThat(checks.get(0).getAttribute("id")).isEqualTo("check-token");
        assertThat(checks.get(0).getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(browser.text(By.id("remedy-token"))).isNotBlank();
        browser.accessible().screenshot("console-setup-failed-check");

        type("clientSecret", DemoData.CLIENT_SECRET);
        browser.find(By.id("check")).click();
        assertThat(browser.waitFor(By.id("check-summary"), CHECK).getText()).contains("checks passed");
        browser.find(By.id("enable")).click();
        assertThat(browser.waitFor(By.id("enabled-state"), CHECK).getText()).contains("Enabled");
        browser.accessible().screenshot("console-setup");

        browser.open(stack.consoleUrl() + "/connections");
        assertThat(browser.text(By.id("state-new-mail-log"))).isEqualTo("Enabled");
    }

    @Test
    void showsTheCompletenessLedgerOfTheDemoConnection(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "admin", stack.password("admin"));
        browser.open(stack.consoleUrl() + "/completeness");

        JsonNode ledger = stack.as("admin").get(stack.url("interaction-matcher") + "/api/ledger/"
                + DemoData.CONNECTION_ID).body();
        assertThat(browser.text(By.id("ledger-demo-received"))).isEqualTo(ledger.path("received").asString());
        assertThat(browser.text(By.id("ledger-demo-logged"))).isEqualTo(ledger.path("logged").asString());
        assertThat(browser.text(By.id("ledger-demo-excluded"))).isEqualTo(ledger.path("excluded").asString());
        assertThat(browser.text(By.id("ledger-demo-rule-UNKNOWN_SENDER")))
                .contains(ledger.at("/excludedByRule/UNKNOWN_SENDER").asString());
        assertThat(browser.text(By.id("ledger-demo-mailbox-ARCHIVED")))
                .contains(ledger.at("/mailbox/ARCHIVED").asString());
        assertThat(browser.text(By.id("failures-demo-none"))).isEqualTo("No mail failed.");
        browser.accessible().screenshot("console-completeness");
    }

    @Test
    void reRunsMatchingOverTheHeldMailAndFollowsTheRunToItsEnd(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "admin", stack.password("admin"));
        browser.open(stack.consoleUrl() + "/completeness");
        JsonNode ledger = stack.as("admin").get(stack.url("interaction-matcher") + "/api/ledger/"
                + DemoData.CONNECTION_ID).body();
        assertThat(ledger.path("held").asLong()).as("the demo's unknown senders are held").isPositive();
        assertThat(browser.text(By.id("ledger-demo-held"))).isEqualTo(ledger.path("held").asString());
        assertThat(browser.text(By.id("ledger-demo-held-UNKNOWN_SENDER")))
                .contains(ledger.at("/heldByRule/UNKNOWN_SENDER").asString());

        browser.find(By.id("rematch-demo-start")).click();

        WebElement done = browser.waitFor(By.cssSelector("#rematch-demo-runs li.run[data-status='DONE']"),
                Duration.ofSeconds(60));
        String processed = done.findElement(By.className("run-processed")).getText();
        assertThat(processed).matches("(\\d+) of \\1 held mails matched again").doesNotStartWith("0 ");
        // Nothing in the directory changed, so nothing qualifies now: the held mail stays held.
        assertThat(done.findElement(By.className("run-logged-late")).getText()).isEqualTo("0 logged late");
        browser.accessible().screenshot("console-rematch");
    }

    @Test
    void importsContactsFromACsvFileAndShowsTheRefusedLineWithItsError(ConsoleStack stack) throws Exception {
        Path file = Files.createTempFile("contacts", ".csv");
        Files.writeString(file, String.join("\n", "contactId,name,type,email",
                "CT-CSV-1,Csv Person One,PERSON,one@csv-import.example",
                "CT-CSV-2,Csv Robot Two,ROBOT,two@csv-import.example", ""));
        browser.signIn(stack.consoleUrl(), "admin", stack.password("admin"));
        browser.open(stack.consoleUrl() + "/directory");
        long contactsBefore = count(browser.text(By.id("directory-contacts")));

        browser.find(By.id("import-kind-contacts")).click();
        browser.find(By.id("import-file")).sendKeys(file.toString());
        browser.find(By.id("import-submit")).click();

        browser.waitFor(By.id("import-report"), CHECK);
        assertThat(browser.text(By.id("import-received"))).isEqualTo("2");
        assertThat(browser.text(By.id("import-upserted"))).isEqualTo("1");
        assertThat(browser.text(By.id("import-rejected"))).isEqualTo("1");
        assertThat(browser.text(By.id("import-error-line-3-text")))
                .isEqualTo("CT-CSV-2,Csv Robot Two,ROBOT,two@csv-import.example");
        assertThat(browser.text(By.id("import-error-line-3-errors"))).contains("type", "ROBOT");
        new WebDriverWait(browser.driver(), CHECK)
                .until(driver -> count(driver.findElement(By.id("directory-contacts")).getText()) == contactsBefore + 1);
        browser.accessible().screenshot("console-directory-import");
    }

    @Test
    void everyAdminPageIsAccessibleAndTheAuditShowsWhoChangedTheDemoConnection(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "admin", stack.password("admin"));
        for (String page : List.of("/connections/demo", "/connections/demo/edit", "/connections/demo/delete",
                "/directory", "/audit")) {
            browser.open(stack.consoleUrl() + page).accessible();
        }
        browser.find(By.id("audit-connection")).sendKeys(DemoData.CONNECTION_ID);
        browser.find(By.id("audit-filter")).click();
        // htmx replaces the rows while they are read: a row gone stale is read again.
        new WebDriverWait(browser.driver(), CHECK).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    List<WebElement> rows = driver.findElements(By.cssSelector("tr[id^=audit-entry-]"));
                    return driver.getCurrentUrl().contains("connection=" + DemoData.CONNECTION_ID) && !rows.isEmpty()
                            && rows.stream().allMatch(row -> row.getText().contains(DemoData.CONNECTION_ID));
                });
        assertThat(browser.find(By.id("audit-entries")).getText()).contains("Connection created");
        browser.accessible().screenshot("console-audit");
    }

    private static long count(String text) {
        return Long.parseLong(text.replaceAll("\\D", ""));
    }

    private void type(String id, String value) {
        WebElement field = browser.find(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
