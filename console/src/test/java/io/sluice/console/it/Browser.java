package io.sluice.console.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the console's ITs: Debian's chromium, headless, driven through Debian's chromedriver (both
 * installed by {@code bin/setup-test-clients}; Selenium never downloads one). Screenshots go to
 * {@code target/screenshots/}, where the README's come from.
 */
final class Browser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final AtomicInteger failures = new AtomicInteger();

    Browser() {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("The console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run bin/setup-test-clients");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1400,1000", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Loads {@code url} afresh (a URL differing only in its #fragment would otherwise keep the page as it is). */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    /** Drops every cookie: the next page starts without a session. */
    void forgetSessions() {
        driver.manage().deleteAllCookies();
    }

    WebElement find(String css) {
        return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty() || !found.get(0).isDisplayed() || !found.get(0).isEnabled()) {
                return null;
            }
            found.get(0).click();
            return true;
        });
    }

    /**
     * Waits up to 20 s for {@code condition} to give something other than null or false. When it does not, the page
     * as it was is saved for whoever reads the failure: {@code target/screenshots/failed-N.png} and {@code .html}.
     */
    <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
        } catch (TimeoutException e) {
            String name = "failed-" + failures.incrementAndGet();
            Path shot = screenshot(name);
            try {
                Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
            } catch (IOException ignored) {
                // the screenshot is there; the failure itself matters more
            }
            throw new TimeoutException(e.getMessage() + "\nThe page then: " + shot.toAbsolutePath(), e);
        }
    }

    /**
     * The rendered text of the first element {@code css} selects, once there is one. Read in the page in one step: the
     * console redraws its tables every poll, so an element found first and read after may be gone.
     */
    String text(String css) {
        return await(d -> (String) script("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.innerText;", css));
    }

    /** An attribute of the first element {@code css} selects, once there is one; read as {@link #text}. */
    String attribute(String css, String name) {
        return await(d -> (String) script("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.getAttribute(arguments[1]);", css, name));
    }

    /** A screenshot of the window as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
