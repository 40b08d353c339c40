package org.vigil.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium (Debian's {@code chromium}) driven by Selenium through Debian's {@code chromedriver}: the
 * few commands the console's browser test needs, with waits and retries for a page that re-renders while polled.
 * The driver and browser binaries are named explicitly, so Selenium Manager never downloads anything.
 */
final class WebDriver implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final ChromeDriver browser;

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    WebDriver(Path work) throws Exception {
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(work.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setAcceptInsecureCerts(true); // the console's self-signed certificate
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1100", "--user-data-dir=" + work.resolve("chromium-profile"));
        try {
            browser = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String url) {
        browser.get(url);
    }

    String url() {
        return browser.getCurrentUrl();
    }

    /** The first element matching, or null when the page has none. */
    private WebElement first(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    /** True when the page has an element matching {@code css} now. */
    boolean has(String css) {
        return first(css) != null;
    }

    /** Waits for an element matching {@code css}. */
    void element(String css) {
        await("an element " + css, () -> has(css));
    }

    void click(String css) {
        await("clickable " + css, () -> {
            try {
                WebElement e = first(css);
                if (e == null) {
                    return false;
                }
                e.click();
                return true;
            } catch (WebDriverException e) {
                return false; // stale (the page re-rendered) or covered: try again
            }
        });
    }

    void type(String css, String text) {
        element(css);
        first(css).sendKeys(text);
    }

    /** The element's visible text, "" when absent. */
    String text(String css) {
        try {
            WebElement e = first(css);
            return e == null ? "" : e.getText();
        } catch (WebDriverException e) {
            return ""; // replaced while read: the next poll reads the new one
        }
    }

    Object script(String js, Object... args) {
        Object v = ((JavascriptExecutor) browser).executeScript(js, args);
        return v instanceof String s ? s : String.valueOf(v);
    }

    void selectOption(String selectCss, String value) {
        script("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change'));", selectCss, value);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }

    static void await(String what, Supplier<Boolean> ok) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (ok.get()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("not within 90 s: " + what);
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            service.stop();
        }
    }
}
