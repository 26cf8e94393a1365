package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The embedded flow in headless Chromium with third-party cookies blocked: the demo started with
 * {@code --embed}, the PRM simulator on {@code 127.0.0.1} and the CPQ on {@code localhost} (two
 * sites), the partner user opens the CPQ with "Open in frame" and is signed in inside the frame,
 * through the partitioned session cookie (CHIPS) that the browser keeps although it blocks the
 * frame's unpartitioned cookies. Screenshots go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedFlowBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "embedded-browser-test-admin";

    private Path dataDir;
    private Demo demo;
    private URI crossSitePrm;
    private ChromeDriver driver;
    private Path profile;

    @BeforeAll
    void startDemo() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (./verify.sh installs them).");
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Files.createDirectories(SCREENSHOTS);
        dataDir = Files.createTempDirectory("embedded-flow-browser");
        demo = Demo.start(new DemoOptions(0, 0, dataDir, null, 60, null, List.of(), true), PASSWORD);
        crossSitePrm = URI.create("http://127.0.0.1:" + demo.prmUrl().getPort());
    }

    @AfterAll
    void stopDemo() throws Exception {
        try {
            if (demo != null) {
                demo.close();
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    @AfterEach
    void quitBrowser() throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            deleteRecursively(profile);
        }
    }

    @Test
    void openInFrameWhenThirdPartyCookiesBlockedThenSignedInInsideTheFrameWithPartitionedCookie() throws Exception {
        HttpResponse<String> settings = DemoHttp.admin(demo, PASSWORD, "PUT", "/settings", "{\"enabled\":true,"
                + "\"crm\":\"SALESFORCE\",\"allowed_origins\":[\"" + crossSitePrm + "\"]}");
        assertEquals(200, settings.statusCode(), settings.body());
        String key = DemoHttp.createdKey(DemoHttp.admin(demo, PASSWORD, "POST", "/keys", "{\"name\":\"Framing PRM\"}"));
        driver = browser();
        driver.get(crossSitePrm + "/settings");
        waitFor("key").sendKeys(key);
        click("save-key");
        waitFor("saved");

        driver.get(crossSitePrm + "/");
        click("open-in-frame");
        click("create-quote");
        WebElement frame = waitFor("cpq-frame");
        new WebDriverWait(driver, WAIT).until(d -> String.valueOf(frame.getDomProperty("src")).startsWith(demo.cpqUrl().toString()));
        driver.switchTo().frame(frame);
        String partnerName = waitFor("partner-name").getText();
        Object storageAccess = driver.executeAsyncScript(
                "document.hasStorageAccess().then(arguments[arguments.length - 1])");
        driver.switchTo().defaultContent();
        shot("embedded-cpq-in-frame");

        assertEquals("Jordan Lee", partnerName);
        assertEquals(Boolean.FALSE, storageAccess,
                "the frame had unpartitioned cookie access, so this test did not exercise third-party blocking");
        assertTrue(driver.getCurrentUrl().startsWith(crossSitePrm.toString()), "the portal stayed the top-level page");
        Map<String, Object> cookie = sessionCookie();
        assertEquals("None", cookie.get("sameSite"));
        assertNotNull(cookie.get("partitionKey"), "the session cookie is partitioned under the PRM's site: " + cookie);
    }

    /** The CPQ's session cookie as Chromium keeps it, partitioned ones included (CDP {@code Storage.getCookies}). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> sessionCookie() {
        Map<String, Object> result = driver.executeCdpCommand("Storage.getCookies", Map.of());
        return ((List<Map<String, Object>>) result.get("cookies")).stream()
                .filter(c -> "JSESSIONID".equals(c.get("name")) && "localhost".equals(c.get("domain"))).findFirst()
                .orElseThrow(() -> new AssertionError("no CPQ session cookie in " + result));
    }

    private ChromeDriver browser() throws IOException {
        profile = Files.createTempDirectory("embedded-flow-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,1400", "--user-data-dir=" + profile,
                "--test-third-party-cookie-phaseout");
        options.setExperimentalOption("prefs", Map.of(
                "profile.block_third_party_cookies", true,
                "profile.cookie_controls_mode", 1));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(WAIT);
        chrome.manage().timeouts().scriptTimeout(WAIT);
        return chrome;
    }

    private WebElement waitFor(String id) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void click(String id) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void shot(String name) throws IOException {
        File png = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(png.toPath());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
