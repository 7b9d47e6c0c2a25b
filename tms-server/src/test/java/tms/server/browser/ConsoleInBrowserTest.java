package tms.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tms.server.CommandRun;
import tms.server.ServerProcess;

/**
 * The console end to end in a real browser against a real {@code tms run}: first sign-in and the forced password
 * change, a manifest import, an activation application through every step to its activation code, the simulator
 * activating and buying with it, and a revocation the simulator then feels. With TMS_SCREENSHOTS=DIR set it saves
 * the main pages there as PNGs (docs/screenshots).
 */
class ConsoleInBrowserTest {

    private static final Pattern CONSOLE = Pattern.compile("console\\s+http://localhost:(\\d+)/");
    private static final Pattern FIRST = Pattern.compile("first sign-in\\s+account 'admin', one-time password (\\S+)");
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String SERIAL = "BRW-0001";
    private static final String MID = "898100054119999";
    /** GB 11643's published example: region 110105, born 1949-12-31, sequence 002, check character X. */
    private static final String ID_NUMBER = "11010519491231002X";
    private static final String NEW_PASSWORD = "browser-test-passphrase";

    @TempDir
    Path data;

    @TempDir
    Path files;

    private WebDriver driver;
    private WebDriverWait wait;
    private String base;
    private Path screenshots;

    @Test
    void anActivationApplicationFromImportToRevocation() throws Exception {
        String shots = System.getenv("TMS_SCREENSHOTS");
        screenshots = shots == null || shots.isBlank() ? null : Path.of(shots);
        try (Chromium browser = Chromium.start();
             ServerProcess server = ServerProcess.start(data, Map.of(), "--gateway-port", "0")) {
            driver = browser.driver();
            wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            String gatewayPort = Integer.toString(server.gatewayPort(STARTUP));
            base = "http://127.0.0.1:" + server.awaitLine(CONSOLE, STARTUP);
            String oneTimePassword = server.awaitLine(FIRST, STARTUP);

            signInAndChangePassword(browser, oneTimePassword);
            importManifest(browser);
            String code = activationCode(browser);

            CommandRun activate = CommandRun.of("", "sim", "activate", "--data", data.toString(), "--dev-lmk",
                    "--port", gatewayPort, "--sn", SERIAL, "--code", code);
            assertThat(activate.exitCode()).as(activate.out() + activate.err()).isZero();
            assertThat(activate.out()).contains("activated " + SERIAL, "for merchant " + MID);
            CommandRun buy = CommandRun.of("", "sim", "purchase", "--data", data.toString(), "--port", gatewayPort,
                    "--amount", "12.34");
            assertThat(buy.exitCode()).as(buy.out() + buy.err()).isZero();
            assertThat(buy.out()).contains("purchase of 12.34 yuan: response code 00");

            revoke(browser);
            CommandRun signIn = CommandRun.of("", "sim", "signin", "--data", data.toString(), "--port", gatewayPort);
            assertThat(signIn.exitCode()).as(signIn.out() + signIn.err()).isEqualTo(3);
            assertThat(signIn.out()).contains("sign-in refused: response code 58");

            open("/audit");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "terminal.revoke"));
            shoot(browser, "audit-log");
        }
    }

    private void signInAndChangePassword(Chromium browser, String oneTimePassword) throws IOException {
        open("/login");
        find("name").sendKeys("admin");
        find("password").sendKeys(oneTimePassword);
        shoot(browser, "login");
        find("sign-in").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("must-change")));
        find("current").sendKeys(oneTimePassword);
        find("password").sendKeys(NEW_PASSWORD);
        find("repeat").sendKeys(NEW_PASSWORD);
        find("change-password").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("abilities")));
        assertThat(find("signed-in-as").getText()).isEqualTo("admin");
        shoot(browser, "start-page");
    }

    private void importManifest(Chromium browser) throws IOException {
        Path manifest = files.resolve("manifest-browser.csv");
        Files.writeString(manifest, "serial,psam,iccid,model\n" + SERIAL + ",PSAM00000001,89860012345678901234,P2000\n",
                StandardCharsets.UTF_8);
        open("/inventory");
        find("manifest").sendKeys(manifest.toString());
        driver.findElement(By.cssSelector("#manifest-import button[type=submit]")).click();
        // htmx polls the job every second until it is finished
        wait.until(ExpectedConditions.or(ExpectedConditions.attributeToBe(By.id("import-progress"), "data-phase", "STORED"),
                ExpectedConditions.attributeToBe(By.id("import-progress"), "data-phase", "REFUSED"),
                ExpectedConditions.attributeToBe(By.id("import-progress"), "data-phase", "FAILED")));
        assertThat(find("phase").getText()).as(find("import-progress").getText()).isEqualTo("STORED");
        assertThat(find("rows-stored").getText()).isEqualTo("1");
        shoot(browser, "import-result");

        open("/terminals?serial=" + SERIAL);
        assertThat(driver.findElement(By.cssSelector("#terminals tbody")).getText()).contains(SERIAL, "IN_STOCK");
        shoot(browser, "terminal-list");
    }

    /** Enters, reviews, batches and answers an activation application; returns the code shown once. */
    private String activationCode(Chromium browser) throws IOException {
        Path front = png("front.png");
        Path back = png("back.png");
        open("/applications/new");
        new Select(find("kind")).selectByValue("ACTIVATION");
        find("serialNumber").sendKeys(SERIAL);
        find("mid").sendKeys(MID);
        find("merchantName").sendKeys("Browser test noodle shop");
        new Select(find("province")).selectByIndex(0);
        find("address").sendKeys("1 Test Street, Dongcheng");
        find("contactPhone").sendKeys("13800138000");
        find("idNumber").sendKeys(ID_NUMBER);
        find("idFront").sendKeys(front.toString());
        find("idBack").sendKeys(back.toString());
        driver.findElement(By.cssSelector("#application-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("state"), "SUBMITTED"));
        String application = driver.getCurrentUrl();
        assertThat(find("id-number-masked").getText()).doesNotContain(ID_NUMBER);

        find("approve").click();
        wait.until(ExpectedConditions.textToBe(By.id("state"), "APPROVED_FIRST_REVIEW"));

        open("/application-batches");
        find("make-batch").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-applications")));

        driver.get(application);
        wait.until(ExpectedConditions.textToBe(By.id("state"), "BATCHED"));
        shoot(browser, "application");
        driver.findElement(By.cssSelector("input[name=result][value=APPROVED]")).click();
        find("platform-answer").click();
        String code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("activation-code"))).getText();
        assertThat(code).isNotBlank();
        shoot(browser, "activation-code");
        return code.strip();
    }

    private void revoke(Chromium browser) throws IOException {
        open("/terminals/" + SERIAL);
        assertThat(find("state").getText()).isEqualTo("ACTIVE");
        assertThat(find("history").getText()).contains("IN_STOCK ACTIVE activate");
        assertThat(find("transactions").getText()).contains("PURCHASE 1234", "00 APPROVED");
        shoot(browser, "terminal-page");
        find("revoke-reason").sendKeys("browser test: stolen from the shop");
        find("revoke-password").sendKeys(NEW_PASSWORD);
        driver.findElement(By.cssSelector("#revoke button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("state"), "REVOKED"));
        assertThat(find("revoked-reason").getText()).contains("stolen from the shop");
        assertThat(find("history").getText()).contains("ACTIVE REVOKED revoke");
    }

    private void open(String path) {
        driver.get(base + path);
    }

    private WebElement find(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private void shoot(Chromium browser, String name) throws IOException {
        if (screenshots != null) {
            browser.screenshot(screenshots.resolve(name + ".png"));
        }
    }

    /** A small real PNG, as a scanned ID card side would be (the console checks the format by its content). */
    private Path png(String name) throws IOException {
        BufferedImage image = new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 40; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 6) << 8 | 0x80);
            }
        }
        Path file = files.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
