package org.mailtrail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Headless Chromium, as Debian packages it ({@code chromium}, {@code chromedriver}; {@code .ci/run} installs them),
 * driven by Selenium: nothing is downloaded. Every console page a test reaches is checked with axe-core, and the last
 * page of each test is kept as a screenshot under {@code target/screenshots/}. Registered as a
 * {@code @RegisterExtension} field, it saves that screenshot after each test, however the test ended.
 */
final class Browser implements AfterEachCallback, AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The rules of WCAG 2.1 A and AA; a violation whose impact is serious or critical fails the test. */
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final List<String> FAILING_IMPACTS = List.of("serious", "critical");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ChromeDriver driver;
    private Path profile;

    WebDriver driver() {
        if (driver == null) {
            start(1280, 900);
        }
        return driver;
    }

    /** Starts (again) with a window of this size: a phone's is 390 × 844. */
    Browser start(int width, int height) {
        close();
        assertThat(CHROMIUM).as("Debian's chromium package (apt-get install -y chromium chromium-driver)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver package").exists();
        try {
            profile = Files.createTempDirectory("mailtrail-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                // This machine's network is closed: without these Chromium keeps trying to reach Google's hosts.
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return this;
    }

    /** Signs in at the issuer's page the console sends an unknown visitor to; ends on the page the console opens. */
    Browser signIn(String consoleUrl, String username, String password) {
        driver().get(consoleUrl + "/");
        waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlContains(consoleUrl));
        waitFor(By.tagName("h1"));
        return this;
    }

    Browser open(String url) {
        driver().get(url);
        waitFor(By.tagName("h1"));
        return this;
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    WebElement waitFor(By locator, Duration atMost) {
        return new WebDriverWait(driver(), atMost).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitUntilGone(By locator) {
        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    WebElement find(By locator) {
        return driver().findElement(locator);
    }

    List<WebElement> findAll(By locator) {
        return driver().findElements(locator);
    }

    String text(By locator) {
        return waitFor(locator).getText();
    }

    /** Fails on any serious or critical WCAG 2.1 A/AA violation axe-core finds in the page as it is now. */
    Browser accessible() {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver());
        List<Rule> failing = results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact())).toList();
        assertThat(failing).as("accessibility of %s: %s", driver.getCurrentUrl(), failing.stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget()))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
        return this;
    }

    /** Keeps the page as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            driver();
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            screenshot(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        }
        close();
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a profile left in the temporary directory is harmless
            }
            profile = null;
        }
    }
}
