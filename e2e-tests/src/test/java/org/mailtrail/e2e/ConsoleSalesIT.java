package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A salesperson turns a log entry into an opportunity in the console, follows the promotion until it completes, and
 * finds the opportunity under Opportunities; the entry then says it was promoted, and a second attempt is refused
 * with the reason. Also a contact's page, and another salesperson's contact answered as not found.
 */
@ExtendWith(ConsoleStack.Shared.class)
class ConsoleSalesIT {

    private static final Duration PROMOTION = Duration.ofSeconds(90);

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void createsAnOpportunityFromAnEntryAndFindsItUnderOpportunities(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "anna", stack.password("anna"));
        WebElement row = browser.find(By.xpath("//tr[@data-interaction][.//a[normalize-space()='Create opportunity']]"));
        String interaction = row.getAttribute("data-interaction");
        String subject = row.findElement(By.cssSelector("td.description")).getText();
        row.findElement(By.linkText("Create opportunity")).click();

        browser.waitFor(By.id("promotion-form"));
        assertThat(browser.find(By.id("description")).getAttribute("value")).isEqualTo(subject);
        browser.accessible();
        browser.find(By.id("estimatedValue")).sendKeys("48000");
        browser.find(By.id("create-opportunity")).click();
        assertThat(browser.text(By.id("currency-error"))).contains("required with estimatedValue");
        assertThat(browser.find(By.id("estimatedValue")).getAttribute("value")).isEqualTo("48000");
        browser.accessible();

        browser.find(By.id("currency")).sendKeys("EUR");
        browser.find(By.id("probability")).sendKeys("40");
        browser.find(By.id("create-opportunity")).click();
        WebElement accepted = browser.waitFor(By.id("promotion-accepted"), PROMOTION);
        browser.accessible().screenshot("console-promotion");
        String number = browser.text(By.id("promotion-opportunity-link"));
        assertThat(number).startsWith("OP-");
        assertThat(accepted.getText()).contains(number);

        browser.find(By.id("promotion-opportunity-link")).click();
        assertThat(browser.text(By.id("opportunity-number"))).isEqualTo(number);
        assertThat(browser.text(By.id("opportunity-value"))).contains("48,000.00", "EUR");
        assertThat(browser.find(By.id("source-" + interaction)).getText()).contains(subject);
        browser.accessible();

        browser.open(stack.consoleUrl() + "/opportunities");
        assertThat(browser.find(By.id("opportunities")).getText()).contains(number);
        browser.accessible().screenshot("console-opportunities");

        browser.open(stack.consoleUrl() + "/log/" + interaction + "/opportunity");
        assertThat(browser.text(By.id("already-promoted"))).contains(number);
    }

    @Test
    void showsAContactsCardAndTimelineAndAnotherSalespersonsContactAsNotFound(ConsoleStack stack) {
        browser.signIn(stack.consoleUrl(), "anna", stack.password("anna"));
        browser.open(stack.consoleUrl() + "/contacts/CT-NW-TW");
        assertThat(browser.text(By.id("contact-name"))).isEqualTo("Tom Weber");
        assertThat(browser.findAll(By.cssSelector("[id^=conversation-][id$=-subject]"))).isNotEmpty();
        browser.accessible().screenshot("console-contact");

        browser.start(1280, 900);
        browser.signIn(stack.consoleUrl(), "luis", stack.password("luis"));
        browser.open(stack.consoleUrl() + "/contacts/CT-FAB-JS");
        assertThat(browser.find(By.tagName("main")).getText()).contains("no contact CT-FAB-JS");
        browser.accessible();
    }
}
