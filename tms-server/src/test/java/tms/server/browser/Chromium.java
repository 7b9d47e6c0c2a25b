package tms.server.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its own chromedriver (never a browser a tool downloads). Outside CI a
 * missing browser skips the browser tests with a notice; with CI=true it fails them, since .ci/run installs it.
 */
public final class Chromium implements AutoCloseable {

    private static final File BROWSER = new File(System.getenv().getOrDefault("TMS_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final File DRIVER = new File(System.getenv().getOrDefault("TMS_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts a fresh browser, or skips (fails under CI) the calling test when none is installed. */
    public static Chromium start() throws IOException {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            String notice = "no browser for the console tests: " + BROWSER + " or " + DRIVER
                    + " is missing (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(notice + "; CI=true requires them");
            }
            System.out.println("NOTICE: " + notice + "; the browser tests are skipped");
            Assumptions.abort(notice);
        }
        Path profile = Files.createTempDirectory("tms-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        // flags from STACK.md: the machine's network is closed, so everything that phones home is off
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new Chromium(profile, driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as a PNG (for docs/screenshots). */
    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
