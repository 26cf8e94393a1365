package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole partner flow in headless Chromium against the demo started in-process: an admin sets
 * up the authenticator and a key, the PRM simulator gets the key, and a partner user opens the CPQ
 * from the portal. Every page visited is saved to {@code target/screenshots}.
 *
 * <p>Chromium and chromedriver come from the Debian packages ({@code ./verify.sh} installs them);
 * nothing is downloaded at test time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // only so that screenshot numbers are stable
class PartnerFlowBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "browser-test-admin";
    private static final String OPPORTUNITY = "006Dn000004XyZaIAK";
    /** The marker of the continue page's POST (partner-auth's {@code LandingRequests.CONTINUE_PARAMETER}). */
    private static final String LANDING_CONTINUE = "launch-continue";

    /** On a failure, saves what the browser showed and says where it was, before the browser quits. */
    @RegisterExtension
    final TestExecutionExceptionHandler evidence = (context, failure) -> {
        if (this.driver != null) {
            try {
                shot("FAILED-" + context.getRequiredTestMethod().getName());
                failure.addSuppressed(new AssertionError("the browser was at " + this.driver.getCurrentUrl()));
            } catch (RuntimeException | IOException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    };

    private final AtomicInteger shots = new AtomicInteger();
    private final List<LogEntry> networkLog = new java.util.ArrayList<>();
    /** The first test's key: its partner is the one that opened {@link #OPPORTUNITY} first, and owns it. */
    private String northwindKey;
    private Path dataDir;
    private Demo demo;
    private int prmPort;
    private ChromeDriver driver;
    private Path profile;

    @BeforeAll
    void startDemo() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + ". Install them with"
                    + " `apt-get install chromium chromium-driver` (./verify.sh does this).");
        }
        // the driver path is given explicitly below as well; this keeps Selenium Manager out either way
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        deleteRecursively(SCREENSHOTS);
        Files.createDirectories(SCREENSHOTS);
        dataDir = Files.createTempDirectory("partner-flow-browser");
        demo = Demo.start(new DemoOptions(0, 0, dataDir, null, 60, null, List.of(), false), PASSWORD);
        prmPort = demo.prmUrl().getPort();
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
            networkLog.clear();
            deleteRecursively(profile);
        }
    }

    @Test
    @Order(1)
    void adminSetsUpAKeyAndPartnerUserLandsSignedInOnEveryLaunch() throws Exception {
        driver = browser(false);
        String key = createKeyOnAdminPage("Northwind PRM");
        northwindKey = key;
        saveKeyInSimulator(prm(), key);

        openPortal(prm(), "portal");
        click("create-quote");
        WebElement partnerName = waitForCpqPage("/quotes/new");
        shot("cpq-new-quote");
        assertEquals("Jordan Lee", partnerName.getText());
        assertEquals("Northwind PRM", text("partner-key"));
        assertEquals(OPPORTUNITY, text("opportunity-id"));
        assertFalse(driver.getCurrentUrl().contains("launch="), driver.getCurrentUrl());

        click("save-quote");
        WebElement quoteId = waitFor("quote-id");
        shot("cpq-quote-draft");
        String quote = quoteId.getText();
        assertEquals("Draft", text("quote-status"));
        click("submit-quote");
        WebElement sync = waitFor("crm-sync");
        shot("cpq-quote-submitted");
        assertEquals("Submitted", text("quote-status"));
        assertTrue(sync.getText().toLowerCase(Locale.ROOT).contains("salesforce as the opportunity owner"), sync.getText());

        openPortal(prm(), "portal-open-quote");
        type("quote_id", quote);
        click("open-quote");
        waitForCpqPage("/quotes/" + quote);
        shot("cpq-open-quote");
        assertEquals(quote, text("quote-id"));
        assertEquals("Submitted", text("quote-status"));

        openPortal(prm(), "portal-open-opportunity");
        click("open-opportunity");
        waitForCpqPage("/cpq/opportunities/" + OPPORTUNITY);
        waitFor("quotes");
        shot("cpq-opportunity");
        assertEquals(OPPORTUNITY, text("opportunity-id"));
        assertTrue(text("quotes").contains(quote), text("quotes"));
    }

    @Test
    @Order(2)
    void launchWhenPortalOnAnotherSiteAndThirdPartyCookiesBlockedThenUserStillLandsSignedIn() throws Exception {
        configureOverHttp();
        String key = createKeyOverHttp("Cross-site PRM");
        driver = browser(true);
        URI crossSitePrm = URI.create("http://127.0.0.1:" + prmPort);
        saveKeyInSimulator(crossSitePrm, key);

        openPortal(crossSitePrm, "cross-site-portal");
        click("create-quote");
        WebElement partnerName = waitForCpqPage("/quotes/new");
        shot("cross-site-cpq-new-quote");

        assertEquals("Jordan Lee", partnerName.getText());
        assertEquals("Cross-site PRM", text("partner-key"));
        assertEquals(OPPORTUNITY, text("opportunity-id"));
        assertFalse(launchAnswerSetACookie(), "the cross-site create/open answer must set no cookie");
        assertFalse(networkLogMentions(LANDING_CONTINUE), "Chromium sends fetch metadata: it lands in one step, "
                + "never through the continue page that link previewers get");
        assertEquals("Lax", sessionCookie().get("sameSite"), "the landing step's cookie is first-party");
    }

    @Test
    @Order(3)
    void reuseTokenWhenAlreadySpentThenPortalShowsTheRefusal() throws Exception {
        configureOverHttp();
        String key = createKeyOverHttp("Reuse PRM");
        driver = browser(false);
        saveKeyInSimulator(prm(), key);
        openPortal(prm(), "reuse-portal");
        click("open-opportunity");
        waitForCpqPage("/cpq/opportunities/" + OPPORTUNITY);

        openPortal(prm(), "reuse-portal-again");
        type("quote_id", "Q-REUSED");
        click("reuse-token");
        WebElement status = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status.status-error")));
        shot("reuse-token-refused");

        assertTrue(status.getText().contains("The CPQ refused the token"), status.getText());
        assertTrue(driver.getCurrentUrl().startsWith(prm().toString()), driver.getCurrentUrl());
    }

    @Test
    @Order(4)
    void twoPartnersSignInSameUserIdThenEachSeesOnlyItsOwn() throws Exception {
        configureOverHttp();
        String contosoKey = DemoHttp.createdKey(admin("POST", "/keys", "{\"name\":\"Contoso PRM\"}"));
        String contosoOpportunity = "006Dn000009ContosoB";
        driver = browser(false);
        saveKeyInSimulator(prm(), contosoKey);

        // Contoso's portal signs in the same user_id as Northwind's, with other details
        openPortal(prm(), "contoso-portal");
        type("name", "Robin Diaz");
        type("opportunity_id", contosoOpportunity);
        click("create-quote");
        WebElement contosoUser = waitForCpqPage("/quotes/new");
        assertEquals("Robin Diaz", contosoUser.getText());
        assertEquals("Contoso PRM", text("partner-key"));
        String contosoPartner = text("partner-id");
        click("save-quote");
        String contosoQuote = waitFor("quote-id").getText();
        shot("contoso-quote");

        // Northwind opened OPPORTUNITY first: the demo's authorizer refuses it to Contoso
        openPortal(prm(), "contoso-portal-northwinds-opportunity");
        type("name", "Robin Diaz");
        click("open-opportunity");
        WebElement refused = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status.status-error")));
        shot("contoso-refused-northwinds-opportunity");
        assertTrue(refused.getText().contains("Forbidden"), refused.getText());

        // a fresh browser, as Northwind's user: still Jordan Lee, and only Northwind's quotes
        driver.quit();
        deleteRecursively(profile);
        driver = browser(false);
        saveKeyInSimulator(prm(), northwindKey);
        openPortal(prm(), "northwind-portal-again");
        click("open-opportunity");
        WebElement northwindUser = waitForCpqPage("/cpq/opportunities/" + OPPORTUNITY);
        waitFor("quotes");
        shot("northwind-opportunity-own-quotes");
        assertEquals("Jordan Lee", northwindUser.getText(), "Contoso's sign-in did not change Northwind's user");
        assertNotEquals(contosoPartner, text("partner-id"));
        assertFalse(text("quotes").contains(contosoQuote), text("quotes"));

        // and Contoso's opportunity is not Northwind's to open either
        openPortal(prm(), "northwind-portal-contosos-opportunity");
        type("opportunity_id", contosoOpportunity);
        click("open-opportunity");
        new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status.status-error")));
        assertTrue(driver.getCurrentUrl().startsWith(prm().toString()), driver.getCurrentUrl());

        // the admin page lists both users of that user_id, one per partner, and disables Contoso's only
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", DemoHttp.adminAuthorization(PASSWORD))));
        try {
            driver.get(demo.cpqUrl() + "/admin");
            String contosoRow = "#users tr[data-partner-id='" + contosoPartner + "'][data-user-id='prm-user-1042']";
            WebElement toggle = new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector(contosoRow + " input.user-enabled")));
            assertEquals(2, driver.findElements(By.cssSelector("#users tr[data-user-id='prm-user-1042']")).size());
            toggle.click();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("users-status"), "prm-user-1042 disabled."));
            shot("admin-partner-users-contoso-disabled");
        } finally {
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }
        String users = admin("GET", "/users?partner_id=" + contosoPartner, "").body();
        assertTrue(users.contains("\"enabled\":false"), users);
        assertTrue(admin("GET", "/users", "").body().contains("\"enabled\":true"), "Northwind's user stays enabled");
    }

    @Test
    @Order(5)
    void launchOfAnotherPartnerInSignedInBrowserThenSwitchPageNamesBothAndContinueSignsInTheNewUser() throws Exception {
        configureOverHttp();
        String firstPartnersKey = DemoHttp.createdKey(admin("POST", "/keys", "{\"name\":\"Tailspin PRM\"}"));
        String otherPartnersKey = DemoHttp.createdKey(admin("POST", "/keys", "{\"name\":\"Fabrikam Portal\"}"));
        driver = browser(false);
        saveKeyInSimulator(prm(), firstPartnersKey);
        openPortal(prm(), "switch-portal-tailspin");
        type("opportunity_id", "006Dn00000TailspinA");
        click("create-quote");
        assertEquals("Jordan Lee", waitForCpqPage("/quotes/new").getText());

        // the same browser opens a quote from another partner's portal, as another user
        saveKeyInSimulator(prm(), otherPartnersKey);
        openPortal(prm(), "switch-portal-fabrikam");
        type("name", "Avery Kim");
        type("login", "avery.kim@fabrikam.example");
        type("opportunity_id", "006Dn00000FabrikamQ");
        click("create-quote");
        WebElement title = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[text()='Switch partner user?']")));
        shot("switch-partner-user");

        assertTrue(title.isDisplayed());
        String current = driver.findElement(By.cssSelector("dl.partner-auth-current")).getText();
        String arriving = driver.findElement(By.cssSelector("dl.partner-auth-arriving")).getText();
        assertTrue(current.contains("Jordan Lee") && current.contains("Tailspin PRM"), current);
        assertTrue(arriving.contains("Avery Kim") && arriving.contains("avery.kim@fabrikam.example")
                && arriving.contains("Fabrikam Portal"), arriving);
        assertFalse(driver.getPageSource().contains("partner:prt_"), "no internal principal names on the page");
        assertEquals(1, driver.findElements(By.cssSelector("header.site-header")).size(), "in the host's own look");

        click("partner-auth-continue-switch");
        WebElement signedIn = waitForCpqPage("/quotes/new");
        shot("switched-to-avery-kim");

        assertEquals("Avery Kim", signedIn.getText());
        assertEquals("Fabrikam Portal", text("partner-key"));
        assertEquals("006Dn00000FabrikamQ", text("opportunity-id"));
    }

    /**
     * The PRM simulator's Sign out everywhere, pressed in the portal's tab, leaves the CPQ's tab
     * anonymous at its next click; Deactivate makes the portal's next launch fail until Reactivate;
     * the admin page shows the user inactive meanwhile, with a Sign out button beside Enabled.
     */
    @Test
    @Order(6)
    void signOutEverywhereInThePortalThenTheCpqTabIsAnonymousAtItsNextClick() throws Exception {
        configureOverHttp();
        String key = createKeyOverHttp("Sign-out PRM");
        driver = browser(false);
        saveKeyInSimulator(prm(), key);
        openPortal(prm(), "signout-portal");
        type("user_id", "prm-user-leaving");
        type("name", "Alex Leaving");
        click("open-opportunity");
        assertEquals("Alex Leaving", waitForCpqPage("/cpq/opportunities/" + OPPORTUNITY).getText());
        String cpqTab = driver.getWindowHandle();

        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        openPortal(prm(), "signout-portal-second-tab");
        type("user_id", "prm-user-leaving");
        click("signout-user");
        WebElement done = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status.status-ok")));
        shot("signout-portal-signed-out");
        assertTrue(done.getText().contains("signed out everywhere"), done.getText());
        String portalTab = driver.getWindowHandle();

        driver.switchTo().window(cpqTab);
        click("new-quote");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("signed-in"), "Not signed in"));
        shot("signout-cpq-tab-anonymous");
        assertTrue(driver.findElements(By.id("partner-name")).isEmpty());

        // deactivated: the portal cannot open the CPQ for the user until it reactivates it
        driver.switchTo().window(portalTab);
        click("deactivate-user");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("deactivated")));
        click("open-opportunity");
        WebElement refused = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status.status-error")));
        shot("signout-portal-deactivated-refused");
        assertTrue(refused.getText().contains("Forbidden"), refused.getText());
        assertTrue(admin("GET", "/users", "").body().contains("\"active\":false"));

        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", DemoHttp.adminAuthorization(PASSWORD))));
        try {
            driver.get(demo.cpqUrl() + "/admin");
            String row = "#users tr[data-user-id='prm-user-leaving']";
            WebElement active = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(row + " td.user-active")));
            assertTrue(active.getText().startsWith("No"), active.getText());
            driver.findElement(By.cssSelector(row + " button.user-signout")).click();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textMatches(By.id("users-status"),
                    Pattern.compile("prm-user-leaving signed out everywhere")));
            shot("signout-admin-page");
        } finally {
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }

        openPortal(prm(), "signout-portal-reactivate");
        type("user_id", "prm-user-leaving");
        click("activate-user");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("reactivated")));
        click("open-opportunity");
        waitForCpqPage("/cpq/opportunities/" + OPPORTUNITY);
        shot("signout-reactivated-cpq");
    }

    // ---- steps ----

    private String createKeyOnAdminPage(String keyName) throws IOException {
        // Basic credentials in the URL do not reach admin.js's fetch calls, so the browser sends the
        // Authorization header on every request while it is on the admin page.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", DemoHttp.adminAuthorization(PASSWORD))));
        try {
            driver.get(demo.cpqUrl() + "/admin");
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#keys tbody tr")));
            shot("admin");

            WebElement enabled = driver.findElement(By.id("enabled"));
            if (!enabled.isSelected()) {
                enabled.click();
            }
            new Select(driver.findElement(By.id("crm"))).selectByValue("SALESFORCE");
            WebElement origins = driver.findElement(By.id("allowed-origins"));
            origins.clear();
            origins.sendKeys(demo.prmUrl() + "\nhttp://127.0.0.1:" + prmPort);
            click("save-settings");
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("settings-status"), "Settings saved."));
            driver.executeScript("window.scrollTo(0, 0)");
            shot("admin-settings-saved");

            type("key-name", keyName);
            click("add-key");
            WebElement newKey = waitFor("new-key");
            new WebDriverWait(driver, WAIT).until(d -> !newKey.getDomProperty("value").isEmpty());
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("keys"), keyName));
            shot("admin-new-key");
            return newKey.getDomProperty("value");
        } finally {
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }
    }

    private void saveKeyInSimulator(URI prm, String key) throws IOException {
        driver.get(prm + "/settings");
        waitFor("key").sendKeys(key);
        shot("prm-settings");
        click("save-key");
        waitFor("saved");
        shot("prm-settings-saved");
        assertTrue(text("key-state").contains(key.substring(key.length() - 4)), text("key-state"));
    }

    private void openPortal(URI prm, String name) throws IOException {
        driver.get(prm + "/");
        waitFor("create-quote");
        shot(name);
    }

    private WebElement waitForCpqPage(String pathPart) {
        new WebDriverWait(driver, WAIT).until(d -> {
            String url = d.getCurrentUrl();
            return url.startsWith(demo.cpqUrl().toString()) && url.contains(pathPart) && !url.contains("launch=");
        });
        return waitFor("partner-name");
    }

    private void configureOverHttp() throws Exception {
        HttpResponse<String> response = admin("PUT", "/settings", "{\"enabled\":true,\"crm\":\"SALESFORCE\","
                + "\"allowed_origins\":[\"" + demo.prmUrl() + "\",\"http://127.0.0.1:" + prmPort + "\"]}");
        assertEquals(200, response.statusCode(), response.body());
    }

    /**
     * Another key of Northwind's partner (a hand-over key): the demo gives {@link #OPPORTUNITY} to
     * the first partner that opens it, and these tests open it too.
     */
    private String createKeyOverHttp(String name) throws Exception {
        java.util.regex.Matcher partner = Pattern.compile("\"partner_id\"\\s*:\\s*\"(prt_[0-9A-Za-z]+)\"")
                .matcher(admin("GET", "/keys", "").body());
        String partnerField = partner.find() ? ",\"partner_id\":\"" + partner.group(1) + "\"" : "";
        return DemoHttp.createdKey(admin("POST", "/keys", "{\"name\":\"" + name + "\"" + partnerField + "}"));
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return DemoHttp.admin(demo, PASSWORD, method, path, json);
    }

    /**
     * Whether Chromium's network log shows a {@code Set-Cookie} of the session cookie on a response
     * other than a CPQ page's (the create/open answer is the only other CPQ response here).
     */
    private boolean launchAnswerSetACookie() {
        for (LogEntry entry : networkLog()) {
            String message = entry.getMessage();
            if (message.contains("Network.responseReceivedExtraInfo") && message.contains("JSESSIONID=")
                    && message.contains("Access-Control-Allow-Origin")) {
                return true;
            }
        }
        return false;
    }

    /** Whether any request or response in Chromium's network log (performance log on) mentions {@code text}. */
    private boolean networkLogMentions(String text) {
        return networkLog().stream().anyMatch(entry -> entry.getMessage().contains(text));
    }

    /** Chromium's performance log so far: reading it drains the browser's buffer, so it is kept here. */
    private List<LogEntry> networkLog() {
        networkLog.addAll(driver.manage().logs().get(LogType.PERFORMANCE).getAll());
        return networkLog;
    }

    /** The CPQ's session cookie as Chromium keeps it (CDP {@code Network.getCookies}). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> sessionCookie() {
        Map<String, Object> result = driver.executeCdpCommand("Network.getCookies",
                Map.of("urls", List.of(demo.cpqUrl().toString())));
        return ((List<Map<String, Object>>) result.get("cookies")).stream()
                .filter(c -> "JSESSIONID".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + result));
    }

    // ---- browser ----

    private ChromeDriver browser(boolean blockThirdPartyCookies) throws IOException {
        profile = Files.createTempDirectory("partner-flow-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        if (blockThirdPartyCookies) {
            options.addArguments("--test-third-party-cookie-phaseout");
            options.setExperimentalOption("prefs", Map.of(
                    "profile.block_third_party_cookies", true,
                    "profile.cookie_controls_mode", 1));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(WAIT);
        return chrome;
    }

    private URI prm() {
        return demo.prmUrl();
    }

    private WebElement waitFor(String id) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void click(String id) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void type(String id, String text) {
        WebElement field = waitFor(id);
        field.clear();
        field.sendKeys(text);
    }

    private String text(String id) {
        return waitFor(id).getText();
    }

    private void shot(String name) throws IOException {
        File png = driver.getScreenshotAs(OutputType.FILE);
        String file = String.format(Locale.ROOT, "%02d-%s.png", shots.incrementAndGet(), name);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
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
