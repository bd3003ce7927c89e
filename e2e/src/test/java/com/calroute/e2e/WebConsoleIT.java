package com.calroute.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's guide as people do it: in the web console, in headless Chromium (Debian's chromium and
 * chromium-driver, driven by Selenium), in Norwegian as the browser asks. Tenant {@code nordlys} and its mailboxes
 * belong to this class alone, so it runs beside {@link CustomerGuideIT} on the same suite in any order.
 * Screenshots of the main pages land in {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    private static final String ADMIN = "admin@nordlys.example";
    private static final String LISE = "lise@nordlys.example";
    private static final String TOR = "tor@nordlys.example";
    private static final String LISE_MOBILE = "+4798000001";
    private static final String TOR_MOBILE = "+4798000002";
    private static final String SERVICE_ACCOUNT = "svc-nordlys";
    private static final String SERVICE_PASSWORD = "nordlys-service-password";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static Suite suite;
    private static SimulatorControl exchange;
    private WebDriver browser;

    @BeforeAll
    static void startSuiteAndCreateTheTenant() throws IOException {
        suite = Suite.get();
        exchange = new SimulatorControl(suite.simulatorControlUrl());
        for (String own : List.of(LISE, TOR, SERVICE_ACCOUNT)) {
            exchange.forget(own);
        }
        exchange.mailbox(LISE, "Lise Lund");
        exchange.mailbox(TOR, "Tor Tveit");
        exchange.account(SERVICE_ACCOUNT, SERVICE_PASSWORD, LISE, TOR);
        Api.Response created = Api.post(suite.configUrl() + "/api/v1/tenants",
                Api.token(suite.issuer(), "operator", "operator-password"), Map.of("id", "nordlys",
                        "name", "Nordlys AS", "switchboardNumber", "+4773000000", "timeZone", "Europe/Oslo",
                        "subjectSharing", false, "numbers", Map.of("ranges", List.of(
                                Map.of("from", "+4773000000", "to", "+4773000000"),
                                Map.of("from", LISE_MOBILE, "to", TOR_MOBILE)))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void adminConnectsExchangeTestsTheConnectionAndEnrolsTwoEmployees() {
        browser = chromium();
        logIn(ADMIN, "admin-password");
        waitForText(By.id("ms-sync-title"), "Microsoft synkronisering");
        assertThat(text(By.id("ms-sync-state"))).isEqualTo("Ikke satt opp");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nb");
        screenshot("01-admin-company-overview");

        click(By.id("edit-exchange"));
        saveExchange(SERVICE_PASSWORD);
        type(By.id("test-mailbox"), LISE);
        click(By.id("test-connection"));
        waitForText(By.id("test-result"), "Tilkoblingen virker");
        assertThat(text(By.id("test-result"))).contains("Exchange2013_SP1");
        scrollTo(By.id("test-result"));
        screenshot("02-admin-exchange-test-ok");

        saveExchange("not-the-password");
        click(By.id("test-connection"));
        waitForText(By.id("test-result"), "(AUTH)");
        assertThat(text(By.id("test-result"))).contains("Tilkoblingen feilet").containsIgnoringCase("password");
        scrollTo(By.id("test-result"));
        screenshot("03-admin-exchange-test-wrong-password");
        saveExchange(SERVICE_PASSWORD);

        browser.get(suite.consoleUrl() + "/#/company");
        waitForText(By.id("ms-sync-state"), "Satt opp");
        assertThat(text(By.id("ms-sync"))).contains("Tilkoblingen feilet");

        browser.get(suite.consoleUrl() + "/#/employees");
        type(By.id("enrol-email"), LISE);
        type(By.id("enrol-mobile"), LISE_MOBILE);
        type(By.id("enrol-name"), "Lise Lund");
        click(By.id("enrol"));
        waitForText(By.id("alert"), "La til " + LISE);
        type(By.id("bulk-csv"), "email,mobileNumber,displayName\n" + TOR + "," + TOR_MOBILE + ",Tor Tveit\n"
                + "not-an-address," + TOR_MOBILE + ",Nobody\n");
        click(By.id("bulk-enrol"));
        waitForText(By.id("bulk-report"), "1 lagt til");
        assertThat(text(By.id("bulk-report"))).contains("CREATED").contains("INVALID");
        assertThat(text(By.id("users"))).contains(LISE, LISE_MOBILE, TOR, TOR_MOBILE);
        click(By.cssSelector("#users tr[data-email='" + LISE + "'] button.secondary"));
        // Lise has not switched sync on yet: the API's problem body reaches the admin in plain words.
        waitForText(By.id("alert"), "Sync is off");
        scrollTo(By.id("users"));
        screenshot("04-admin-employees");

        JsonNode users = Api.get(suite.configUrl() + "/api/v1/tenants/nordlys/users",
                Api.token(suite.issuer(), ADMIN, "admin-password")).body();
        assertThat(users.path("total").asInt()).isEqualTo(2);

        // Un-enrol takes a second, confirming press; Tor comes back at once through the same form.
        By removeTor = By.cssSelector("#users tr[data-email='" + TOR + "'] button.danger");
        click(removeTor);
        waitForText(removeTor, "Bekreft fjerning av " + TOR);
        click(removeTor);
        waitForText(By.id("alert"), "Fjernet " + TOR);
        assertThat(browser.findElements(removeTor)).isEmpty();
        type(By.id("enrol-email"), TOR);
        type(By.id("enrol-mobile"), TOR_MOBILE);
        type(By.id("enrol-name"), "Tor Tveit");
        click(By.id("enrol"));
        waitForText(By.id("alert"), "La til " + TOR);
        assertThat(text(By.id("users"))).contains(LISE, TOR);
    }

    @Test
    @Order(2)
    void employeeSwitchesSyncOnChoosesVoicemailWhenBusyAndSeesTheMeetingInTheTimeline() {
        browser = chromium();
        logIn(LISE, "employee-password");
        waitForText(By.id("advanced-title"), "Avansert");
        WebElement toggle = browser.findElement(By.id("outlook-sync"));
        assertThat(toggle.isSelected()).isFalse();
        toggle.click();
        waitForText(By.id("outlook-sync-state"), "Outlook synkronisering er på.");

        new Select(browser.findElement(By.id("action-BUSY"))).selectByValue("VOICEMAIL");
        assertThat(text(By.id("explain-BUSY"))).contains("opptatt").contains("går til talepost");
        click(By.id("save-settings"));
        waitForText(By.id("alert"), "Statusinnstillingene er lagret.");
        screenshot("05-employee-settings");

        String lise = Api.token(suite.issuer(), LISE, "employee-password");
        assertThat(Api.get(suite.configUrl() + "/api/v1/me/calendar-sync", lise).body().path("enabled").asBoolean()).isTrue();
        assertThat(Api.get(suite.configUrl() + "/api/v1/me/status-settings", lise).body().path("BUSY").path("action").asText())
                .isEqualTo("VOICEMAIL");

        browser.get(suite.consoleUrl() + "/#/calls");
        waitForText(By.id("now-title"), "Nå");
        exchange.appointment(LISE, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofMinutes(30)), "Busy");
        // The page refreshes itself every 5 s; the meeting reaches routing within seconds of the sync.
        waiting(Duration.ofSeconds(90)).until(d -> text(By.id("now")).contains("Opptatt")
                && !d.findElements(By.cssSelector("#timeline tr[data-state=BUSY][data-action=VOICEMAIL]")).isEmpty());
        assertThat(text(By.id("now"))).contains("går til talepost").contains(LISE_MOBILE);
        screenshot("06-employee-calls-busy");

        new Select(browser.findElement(By.id("override-action"))).selectByValue("RING");
        click(By.id("set-override"));
        waitForText(By.id("now"), "Manuell overstyring");
        assertThat(text(By.id("now"))).contains("ringer som vanlig");
        screenshot("07-employee-calls-override");
        click(By.id("clear-override"));
        waitForText(By.id("alert"), "Overstyringen er fjernet.");
        waitForText(By.id("now"), "Opptatt");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        waitForText(By.id("now"), "Opptatt");
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling on a phone").isLessThanOrEqualTo(390L);
        screenshot("08-employee-calls-phone");
    }

    @Test
    @Order(3)
    void anEnglishBrowserGetsTheConsoleInEnglish() {
        browser = chromium("en-GB");
        browser.get(suite.consoleUrl() + "/");
        waitForText(By.id("login"), "Log in");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        screenshot("09-welcome-english");
    }

    @Test
    @Order(4)
    void aLoginErrorInTheAddressShowsAFixedMessageNeverTheLinksOwnText() {
        // Anyone can send a link to the console with an OIDC error and a text of their choosing (phishing).
        String bait = URLEncoder.encode("Account locked: call +4799999999 to unlock", StandardCharsets.UTF_8);
        browser = chromium("en-GB");
        browser.get(suite.consoleUrl() + "/?error=access_denied&error_description=" + bait + "&state=x");
        waitForText(By.id("alert"), "The login was cancelled or refused.");
        assertThat(browser.findElement(By.id("alert")).getText()).doesNotContain("+4799999999");

        browser.get(suite.consoleUrl() + "/?error=" + bait);
        waitForText(By.id("alert"), "The login failed.");
        assertThat(browser.findElement(By.id("alert")).getText()).doesNotContain("+4799999999");
    }

    // ---------- browser helpers ----------

    /** Debian's chromium through chromium-driver; fails (never skips) when they are missing. */
    private static WebDriver chromium() {
        return chromium("nb");
    }

    private static WebDriver chromium(String language) {
        File chromium = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        assertThat(chromium).as("Debian's chromium (apt-get install -y chromium chromium-driver)").exists();
        assertThat(driver).as("Debian's chromium-driver (apt-get install -y chromium chromium-driver)").exists();
        try {
            Path profile = Files.createTempDirectory("calroute-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(chromium);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=" + language, "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return chrome;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile folder", e);
        }
    }

    private void logIn(String username, String password) {
        browser.get(suite.consoleUrl() + "/");
        click(By.id("login"));
        WebDriverWait wait = waiting(Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
        assertThat(text(By.id("user-email"))).isEqualTo(username);
    }

    private void saveExchange(String password) {
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("save-exchange")));
        new Select(browser.findElement(By.id("kind"))).selectByValue("EWS");
        type(By.id("username"), SERVICE_ACCOUNT);
        type(By.id("password"), password);
        type(By.id("ewsUrl"), suite.ewsUrl());
        type(By.id("domain"), "nordlys.example");
        new Select(browser.findElement(By.id("exchangeVersion"))).selectByValue("Exchange2013_SP1");
        // The simulator's self-signed CA, as an on-premises admin pastes their private CA (set, not typed: 1–2 KB).
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id("caCertificatePem")), exchange.certificatePem());
        click(By.id("save-exchange"));
        waitForText(By.id("alert"), "Lagret.");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('alert').hidden = true");
    }

    private void type(By locator, String value) {
        WebElement element = waiting(Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
        element.clear();
        element.sendKeys(value);
    }

    private void click(By locator) {
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private void scrollTo(By locator) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(locator));
    }

    private String text(By locator) {
        return browser.findElement(locator).getText();
    }

    /** A wait that retries when the page re-rendered under it: "my calls" refreshes itself every few seconds. */
    private WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void waitForText(By locator, String expected) {
        try {
            waiting(Duration.ofSeconds(30)).until(d -> {
                List<WebElement> found = d.findElements(locator);
                return !found.isEmpty() && found.get(0).isDisplayed() && found.get(0).getText().contains(expected);
            });
        } catch (RuntimeException e) {
            screenshot("failed-waiting-for-" + locator.toString().replaceAll("[^a-zA-Z0-9]+", "-"));
            List<WebElement> alert = browser.findElements(By.id("alert"));
            throw new AssertionError("waited for \"" + expected + "\" in " + locator + "; page alert: "
                    + (alert.isEmpty() ? "" : alert.get(0).getText()) + "; url: " + browser.getCurrentUrl(), e);
        }
    }

    private void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }
}
