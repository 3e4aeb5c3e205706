package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.mailbox.Mail;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

/**
 * The interaction log in the console as salespeople and their manager see it, in headless Chromium over the whole
 * stack: each sees what the matcher gives their own token, a new entry arrives without a reload, and "Open email"
 * ends at the archived mail's link.
 */
@ExtendWith(ConsoleStack.Shared.class)
class ConsoleLogIT {

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void aSalespersonSeesExactlyTheEntriesTheMatcherGivesThemAndNoneOfAnothers(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "anna", stack.password("anna"));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(stack.consoleUrl() + "/log");
        assertThat(browser.text(By.cssSelector(".person-name"))).isEqualTo("Anna Berger");

        List<String> shown = rowIds();
        assertThat(shown).isNotEmpty().containsExactlyElementsOf(firstPageIds(stack, "anna"));
        assertThat(shown).doesNotContainAnyElementsOf(firstPageIds(stack, "luis"));
        assertThat(browser.findAll(By.xpath("//th[normalize-space()='Salesperson']"))).isEmpty();
        browser.accessible().screenshot("console-log");
    }

    @Test
    void aSalesManagerSeesEveryonesEntriesWithTheirSalesperson(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "maria", stack.password("maria"));

        assertThat(rowIds()).containsExactlyElementsOf(firstPageIds(stack, "maria"));
        assertThat(browser.find(By.xpath("//th[normalize-space()='Salesperson']")).isDisplayed()).isTrue();
        assertThat(browser.find(By.cssSelector("table.log tbody")).getText()).contains("Anna Berger", "Luis Ortega");
        browser.accessible();
    }

    @Test
    void filtersByDirectionAndContact(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "maria", stack.password("maria"));
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("direction"))).selectByVisibleText("Outbound");
        browser.find(By.id("contact")).sendKeys("CT-NW-TW");
        browser.find(By.xpath("//button[normalize-space()='Filter']")).click();

        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().contains("direction=OUTBOUND"));
        List<WebElement> rows = browser.findAll(By.cssSelector("tr[data-interaction]"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.getText()).contains("Tom Weber", "Outbound");
        });
        browser.accessible();
    }

    @Test
    void aNewEntryAppearsWithoutReloadingThePage(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "anna", stack.password("anna"));
        JavascriptExecutor page = (JavascriptExecutor) browser.driver();
        page.executeScript("window.mailtrailNotReloaded = true;");
        String subject = "Live: quote for " + UUID.randomUUID();

        stack.deliver(Mail.builder().internetMessageId("<console-live-" + UUID.randomUUID() + "@fabrikam.example>")
                .from("Jordan Smith <j.smith@fabrikam.example>").to("Anna Berger <anna.berger@contoso.com>")
                .subject(subject).body("New today").sentDateTime(Instant.now().minusSeconds(2))
                .receivedDateTime(Instant.now()).build());

        WebElement row = browser.waitFor(By.xpath("//tr[td[normalize-space()='" + subject + "']]"),
                Duration.ofSeconds(90));
        assertThat(row.getText()).contains("Jordan Smith", "Inbound");
        assertThat(page.executeScript("return window.mailtrailNotReloaded === true;")).isEqualTo(true);
        browser.accessible();
    }

    @Test
    void openEmailEndsAtTheArchivedMailsLink(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "anna", stack.password("anna"));
        WebElement first = browser.find(By.cssSelector("tr[data-interaction]"));
        String id = first.getAttribute("data-interaction");
        String link = stack.as("anna").get(stack.url("interaction-matcher") + "/api/interactions/" + id).body()
                .path("webLink").asString();
        assertThat(link).startsWith("https://");

        String logPage = browser.driver().getWindowHandle();
        first.findElement(By.linkText("Open email")).click();

        // It opens in a new tab. Outlook on the web is not reachable from here: where the tab went is what counts.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> {
            for (String tab : driver.getWindowHandles()) {
                if (!tab.equals(logPage) && link.equals(driver.switchTo().window(tab).getCurrentUrl())) {
                    return true;
                }
            }
            driver.switchTo().window(logPage);
            return false;
        });
    }

    @Test
    void showsDatesInTheBrowsersTimeZone(ConsoleStack stack) {
        browser.start(1280, 900);
        ((org.openqa.selenium.chromium.HasCdp) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
                java.util.Map.of("timezoneId", "Asia/Tokyo"));
        browser.signIn(stack.consoleUrl(), "anna", stack.password("anna"));

        WebElement time = browser.find(By.cssSelector("tr[data-interaction] time.local-time"));
        Instant instant = Instant.parse(time.getAttribute("datetime"));
        String expected = java.time.format.DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a", java.util.Locale.US)
                .withZone(java.time.ZoneId.of("Asia/Tokyo")).format(instant);
        assertThat(time.getText().replace('\u202f', ' ').replace('\u00a0', ' ')).isEqualTo(expected);
    }

    @Test
    void fitsAPhonesWidth(ConsoleStack stack) {
        browser.start(390, 844);
        browser.signIn(stack.consoleUrl(), "maria", stack.password("maria"));

        Object overflow = ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).as("pixels wider than the phone's screen").isLessThanOrEqualTo(0);
        browser.accessible().screenshot("console-log-phone");
    }

    private List<String> rowIds() {
        List<String> ids = new ArrayList<>();
        for (WebElement row : browser.findAll(By.cssSelector("tr[data-interaction]"))) {
            ids.add(row.getAttribute("data-interaction"));
        }
        return ids;
    }

    private static List<String> firstPageIds(ConsoleStack stack, String username) {
        JsonNode page = stack.as(username).get(stack.url("interaction-matcher") + "/api/interactions?limit=25").body();
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
