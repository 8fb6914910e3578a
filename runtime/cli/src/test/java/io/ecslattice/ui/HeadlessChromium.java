package io.ecslattice.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to Selenium
 * explicitly, so Selenium Manager never runs and nothing is downloaded; the profile is a fresh temp
 * folder, removed on close.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    HeadlessChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        try {
            profile = Files.createTempDirectory("ecs-lattice-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a Chromium profile folder", e);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * A wait of at most {@code timeout}, polling every 100 ms; give it a message naming what it waits for. An element
     * gone stale mid-check (the page re-rendered it in place) means "look again", not a failure.
     */
    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Clicks what {@code locator} finds, finding it again when a refresh replaced it between the find and the click
     * (the pages re-render every second; a stale element was never clicked, so a retry cannot click twice).
     */
    void click(By locator) {
        waitUpTo(Duration.ofSeconds(30)).withMessage("a click on " + locator).until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    /** Saves a PNG of the current page to {@code file} (under target/, never into the repository). */
    Path screenshot(Path file) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.delete(shot.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("saving a screenshot to " + file, e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("removing the Chromium profile " + profile, e);
        }
    }
}
