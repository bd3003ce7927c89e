package com.calroute.e2e;

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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's guide as people do it: in the web console, in headless Chromium (Debian's chromium and
 * chromium-driver, driven by Selenium), in Norwegian and in English, at desktop (1366 px) and phone (390 px) width.
 * On every page and state it visits it runs axe-core (no serious or critical violation allowed) and, in Norwegian,
 * looks for English words ({@link ConsoleChecks}); it prints a page-load and a status-refresh figure. Tenant
 * {@code nordlys} and its mailboxes belong to this class alone, so it runs beside {@link CustomerGuideIT} on the
 * same suite in any order. Screenshots land in {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    private static final String ADMIN = "admin@nordlys.example";
    private static final String LISE = "lise@nordlys.example";
    private static final String TOR = "tor@nordlys.example";
    private static final String ASMUND = "asmund@nordlys.example";
    private static final String BJORN = "bjorn@nordlys.example";
    private static final String SERVICE_ACCOUNT = "svc-nordlys";
    private static final String SERVICE_PASSWORD = "nordlys-service-password";
    private static final int DESKTOP = 1366;
    private static final int PHONE = 390;
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private static Suite suite;
    private static SimulatorControl exchange;
    private static Instant meetingEnd;
    private WebDriver browser;
    private String language;
    private int width;
    private ConsoleChecks checks;

    @BeforeAll
    static void startSuiteAndCreateTheTenant() throws IOException {
        suite = Suite.get();
        exchange = new SimulatorControl(suite.simulatorControlUrl());
        for (String own : List.of(LISE, TOR, ASMUND, BJORN, SERVICE_ACCOUNT)) {
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
                                Map.of("from", "+4798000001", "to", "+4798000099")))));
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
    void adminTestsTheExchangeFormBeforeSavingInNorwegian() {
        open("nb", DESKTOP);
        browser.get(suite.consoleUrl() + "/");
        waitForText(By.id("login"), "Logg inn");
        visit("00-welcome");
        logIn(ADMIN, "admin-password");
        waitForText(By.id("ms-sync-title"), "Microsoft synkronisering");
        printPageLoad("company overview");
        assertThat(text(By.id("ms-sync-state"))).isEqualTo("Ikke satt opp");
        assertThat(text(By.id("time-zone"))).isEqualTo("Norsk tid (Europe/Oslo)");
        assertThat(text(By.id("switchboard-number"))).isEqualTo("73 00 00 00");
        visit("01-company-overview");

        // The help sits where it applies: impersonation, user-name form and version under on-premises Exchange,
        // the Office 365 address only under Microsoft Graph.
        click(By.id("edit-exchange"));
        waitForText(By.id("ews-fields"), "ApplicationImpersonation");
        assertThat(text(By.id("ews-fields"))).contains("DOMENE\\bruker", "bruker@domene", "2016, 2019")
                .doesNotContain("office365");
        assertThat(new Select(browser.findElement(By.id("exchangeVersion"))).getFirstSelectedOption().getText())
                .isEqualTo("Exchange 2013 SP1 (også 2016/2019/SE)");
        visit("02-exchange-form");
        new Select(browser.findElement(By.id("kind"))).selectByValue("GRAPH");
        waitForText(By.id("graph-help"), "https://outlook.office365.com");
        assertThat(browser.findElement(By.id("ews-fields")).isDisplayed()).isFalse();
        visit("03-exchange-graph-help");
        new Select(browser.findElement(By.id("kind"))).selectByValue("EWS");

        // "Test tilkobling" tests the form as it is, before anything is saved.
        fillEws("not-the-password");
        type(By.id("test-mailbox"), LISE);
        click(By.id("test-connection"));
        waitFor(By.cssSelector("#test-result.bad"));
        assertThat(text(By.id("test-result"))).contains("avvist");
        assertThat(savedConnection().status()).as("testing saves nothing").isEqualTo(404);
        visit("04-exchange-test-wrong-password");

        // "Lagre" tests first and asks before saving a connection that does not work.
        click(By.id("save-exchange"));
        waitForText(By.id("save-warning"), "Tilkoblingen virker ikke");
        assertThat(text(By.id("save-warning"))).contains("stopper kalendersynkroniseringen", "avvist");
        visit("05-exchange-save-warning");
        click(By.id("save-cancel"));
        waitForText(By.id("alert"), "Ikke lagret.");
        assertThat(savedConnection().status()).isEqualTo(404);

        type(By.id("password"), SERVICE_PASSWORD);
        click(By.id("test-connection"));
        waitFor(By.cssSelector("#test-result.ok"));
        assertThat(text(By.id("test-result"))).contains("Tilkoblingen virker.", "Exchange 2013 SP1 (også 2016/2019/SE)");
        click(By.id("save-exchange"));
        waitForText(By.id("alert"), "Lagret.");
        assertThat(savedConnection().status()).isEqualTo(200);
        visit("06-exchange-saved");

        browser.get(suite.consoleUrl() + "/#/company");
        waitForText(By.id("ms-sync-state"), "Satt opp");
        assertThat(text(By.id("ms-sync"))).contains("Lokal Exchange (EWS)", "Tilkoblingen virker.");
        checks.assertNone();
    }

    @Test
    @Order(2)
    void adminEnrolsByFormAndCsvAndWorksTheListInNorwegian() throws IOException {
        ensureConnectionSaved();
        open("nb", DESKTOP);
        logIn(ADMIN, "admin-password");
        waitForText(By.id("ms-sync-title"), "Microsoft synkronisering");

        // Employees: the list comes first, then the forms.
        browser.get(suite.consoleUrl() + "/#/employees");
        waitFor(By.id("users-count"));
        assertThat(y(By.id("employee-list"))).isLessThan(y(By.id("enrol-form")));
        type(By.id("enrol-mobile"), "1234");
        type(By.id("enrol-email"), LISE);
        waitForText(By.id("enrol-mobile-error"), "8 sifre");
        visit("07-employees-phone-reason");
        type(By.id("enrol-mobile"), "980 00 001");
        type(By.id("enrol-name"), "Lise Lund");
        click(By.id("enrol"));
        waitForText(By.id("alert"), "La til " + LISE);
        assertThat(activeElementId()).as("focus stays in the form").isEqualTo("enrol-email");
        waitForText(By.cssSelector("#users tr[data-email='" + LISE + "'] .mobile"), "980 00 001");

        // CSV: the template, pasted semicolon rows with Norwegian headings, a bad row kept for fixing.
        assertThat(template()).startsWith("\uFEFFe-post;mobil;navn\r\n");
        type(By.id("bulk-csv"), "E-post;Mobilnummer;Navn\n" + TOR + ";0047 98 00 00 02;Tor Tveit\nikke-en-adresse;98000004;Ingen Adresse\n");
        click(By.id("csv-check"));
        waitForText(By.id("csv-summary"), "1 klare, 1 må rettes");
        assertThat(text(By.cssSelector("#csv-preview-table tr[data-line='3'] .verdict"))).isEqualTo("Ikke en gyldig e-postadresse.");
        assertThat(text(By.cssSelector("#csv-preview-table tr[data-line='2']"))).contains("980 00 002");
        visit("08-csv-preview");
        click(By.id("csv-import"));
        waitForText(By.id("csv-summary"), "1 lagt til");
        assertThat(text(By.cssSelector("#csv-preview-table tr[data-line='2'] .verdict"))).isEqualTo("Lagt til");
        assertThat(value(By.id("bulk-csv"))).isEqualTo("E-post;Mobilnummer;Navn\nikke-en-adresse;98000004;Ingen Adresse\n");
        assertThat(browser.findElement(By.id("csv-fix-note")).isDisplayed()).isTrue();
        visit("09-csv-imported-bad-row-kept");

        // A Windows-1252 file from an older Excel, and a UTF-8 file with BOM, commas and English headings.
        uploadCsv("ansatte-1252.csv", "E-post;Mobil;Navn\r\n" + ASMUND + ";98000003;Åsmund Ærlig\r\n", Charset.forName("windows-1252"));
        waitForText(By.id("csv-encoding"), "Windows-1252, skilt med semikolon");
        waitForText(By.cssSelector("#csv-preview-table tr[data-line='2']"), "Åsmund Ærlig");
        click(By.id("csv-import"));
        waitForText(By.id("csv-summary"), "1 lagt til");
        uploadCsv("employees-utf8.csv", "\uFEFFemail,mobile,name\r\n" + BJORN + ",+47 980 00 005,Bjørn Bø\r\n", StandardCharsets.UTF_8);
        waitForText(By.id("csv-encoding"), "UTF-8, skilt med komma");
        waitForText(By.cssSelector("#csv-preview-table tr[data-line='2'] .verdict"), "Klar");
        assertThat(text(By.cssSelector("#csv-preview-table tr[data-line='2']"))).contains("Bjørn Bø", "980 00 005");
        click(By.id("csv-import"));
        waitForText(By.id("csv-summary"), "1 lagt til");

        // Thirty more through the API, so the list pages; then search, filter, sort, paging and bulk removal.
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            many.add(Map.of("email", String.format("ansatt%02d@nordlys.example", i),
                    "mobileNumber", "+47980000" + (10 + i), "displayName", String.format("Test Ansatt %02d", i)));
        }
        Api.Response bulk = Api.post(suite.configUrl() + "/api/v1/tenants/nordlys/users/bulk", adminToken(), many);
        assertThat(bulk.body().path("created").asInt()).as("%s", bulk.body()).isEqualTo(30);
        browser.navigate().refresh();
        waitForText(By.id("users-count"), "34 ansatte");
        assertThat(text(By.id("page-of"))).isEqualTo("Side 1 av 2");
        assertThat(rows()).hasSize(25);
        assertThat(rows().get(0).getAttribute("data-email")).isEqualTo("ansatt01@nordlys.example");
        click(By.id("page-next"));
        waitForText(By.id("page-of"), "Side 2 av 2");
        assertThat(rows()).hasSize(9);
        visit("10-employees-page-2");
        new Select(browser.findElement(By.id("user-sort"))).selectByValue("name");
        waitForText(By.id("page-of"), "Side 1 av 2");
        // Whichever way the database collates "Å", these two names come before every other.
        waiting(Duration.ofSeconds(10)).until(d -> List.of(BJORN, ASMUND).contains(rows().get(0).getAttribute("data-email")));
        type(By.id("user-search"), "lise");
        waiting(Duration.ofSeconds(10)).until(d -> rows().size() == 1 && LISE.equals(rows().get(0).getAttribute("data-email")));
        assertThat(browser.getCurrentUrl()).contains("q=lise");
        type(By.id("user-search"), "");
        new Select(browser.findElement(By.id("user-filter"))).selectByValue("on");
        waitForText(By.id("users-empty"), "Ingen ansatte passer.");
        new Select(browser.findElement(By.id("user-filter"))).selectByValue("off");
        waitForText(By.id("users-count"), "34 ansatte");
        new Select(browser.findElement(By.id("user-filter"))).selectByValue("all");
        type(By.id("user-search"), "ansatt2");
        waiting(Duration.ofSeconds(10)).until(d -> rows().size() == 10);
        click(By.id("select-all"));
        waitForText(By.id("selected-count"), "10 valgt");
        click(By.id("bulk-unenrol"));
        waitForText(By.id("bulk-unenrol"), "Bekreft: fjern 10 ansatte");
        click(By.id("bulk-unenrol"));
        waitForText(By.id("bulk-result"), "Fjern: 10 av 10 fullført, 0 feilet.");
        waitForText(By.id("users-empty"), "Ingen ansatte passer.");
        visit("11-employees-bulk-removed");
        assertThat(Api.get(suite.configUrl() + "/api/v1/tenants/nordlys/users?size=1", adminToken()).body().path("total").asInt())
                .isEqualTo(24);
        checks.assertNone();
    }

    @Test
    @Order(3)
    void employeeChoosesVoicemailAndUsesTheOverrideWhileThePageRefreshes() {
        open("nb", DESKTOP);
        logIn(LISE, "employee-password");
        waitForText(By.id("advanced-title"), "Avansert");
        printPageLoad("employee settings");
        WebElement toggle = browser.findElement(By.id("outlook-sync"));
        assertThat(toggle.isSelected()).isFalse();
        toggle.click();
        waitForText(By.id("outlook-sync-state"), "Outlook synkronisering er på.");
        new Select(browser.findElement(By.id("action-BUSY"))).selectByValue("VOICEMAIL");
        assertThat(text(By.id("explain-BUSY"))).contains("opptatt", "går til talepost");
        // Outside working hours: the same control as the busy types; and how unanswered invitations count.
        assertThat(text(By.cssSelector("#setting-OUTSIDE_WORKING_HOURS legend"))).isEqualTo("Utenfor arbeidstid");
        new Select(browser.findElement(By.id("action-OUTSIDE_WORKING_HOURS"))).selectByValue("SWITCHBOARD");
        assertThat(text(By.id("explain-OUTSIDE_WORKING_HOURS")))
                .startsWith("Utenfor arbeidstiden din i Outlook: samtaler til ").endsWith(" går til sentralbordet.");
        assertThat(text(By.cssSelector("#setting-invitations legend"))).isEqualTo("Invitasjoner du ikke har svart på");
        assertThat(text(By.id("explain-invitations")))
                .isEqualTo("Invitasjoner du ikke har svart på, teller slik de er merket i Outlook.");
        new Select(browser.findElement(By.id("invitations-unanswered"))).selectByValue("TENTATIVE");
        assertThat(text(By.id("explain-invitations")))
                .isEqualTo("Invitasjoner du ikke har svart på, teller som foreløpige til du svarer.");
        click(By.id("save-settings"));
        waitForText(By.id("alert"), "Statusinnstillingene er lagret.");
        visit("20-employee-settings");
        // What the services hold is what the page shows after a reload.
        browser.navigate().refresh();
        waitForText(By.id("advanced-title"), "Avansert");
        assertThat(selected(By.id("action-OUTSIDE_WORKING_HOURS"))).isEqualTo("SWITCHBOARD");
        assertThat(selected(By.id("invitations-unanswered"))).isEqualTo("TENTATIVE");
        assertThat(selected(By.id("action-BUSY"))).isEqualTo("VOICEMAIL");

        browser.get(suite.consoleUrl() + "/#/calls");
        waitForText(By.id("now-title"), "Nå");
        meetingEnd = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        exchange.appointment(LISE, Instant.now().minusSeconds(60), meetingEnd, "Busy");
        waiting(Duration.ofSeconds(90)).until(d -> text(By.id("now")).contains("Opptatt")
                && !d.findElements(By.cssSelector("#timeline tr[data-state=BUSY][data-action=VOICEMAIL]")).isEmpty());
        assertThat(text(By.id("now"))).contains("går til talepost", "980 00 001");
        assertThat(text(By.id("why"))).isEqualTo("Du har en avtale i Outlook merket opptatt."
                + " Invitasjoner du ikke har svart på, teller som foreløpige til du svarer.");
        visit("21-calls-busy");

        // "Why did my call go there?": call control's lookup shows up on the page with why; the what-if answers.
        String callControl = Api.clientToken(suite.issuer(), "calroute-call-control", "call-control-dev-secret");
        assertThat(Api.get(suite.routingUrl() + "/api/v1/routes/" + Api.encode("+4798000001") + "?caller="
                + Api.encode("+4791234321"), callControl).body().path("action").asText()).isEqualTo("VOICEMAIL");
        waiting(Duration.ofSeconds(20)).until(d ->
                !d.findElements(By.cssSelector("#decisions li[data-action=VOICEMAIL][data-caller='…321']")).isEmpty());
        assertThat(text(By.cssSelector("#decisions li[data-caller='…321']")))
                .contains("fra …321 → talepost: Opptatt i Outlook-avtale");
        type(By.id("what-if-caller"), "912 34 321");
        click(By.id("what-if-ask"));
        waitForText(By.id("what-if-result"), "samtalen går til talepost");
        assertThat(text(By.id("what-if-why"))).isEqualTo("Du har en avtale i Outlook merket opptatt.");
        visit("21b-calls-why");

        // The form keeps what the employee chose while the status refreshes under it.
        new Select(browser.findElement(By.id("override-action"))).selectByValue("BUSY");
        click(By.id("preset-60"));
        String chosenEnd = value(By.id("override-until"));
        String refreshedAt = text(By.id("refreshed-at"));
        waiting(Duration.ofSeconds(20)).until(d -> !text(By.id("refreshed-at")).equals(refreshedAt));
        assertThat(new Select(browser.findElement(By.id("override-action"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("BUSY");
        assertThat(value(By.id("override-until"))).isEqualTo(chosenEnd);
        assertThat(browser.findElements(By.id("clear-override"))).as("no remove button without an override").isEmpty();

        click(By.id("preset-meeting"));
        assertThat(value(By.id("override-until"))).isEqualTo(LocalDateTime.ofInstant(meetingEnd, ZoneId.systemDefault()).format(LOCAL_INPUT));

        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id("override-until")),
                LocalDateTime.ofInstant(Instant.now().minus(Duration.ofHours(1)), ZoneId.systemDefault()).format(LOCAL_INPUT));
        click(By.id("set-override"));
        waitForText(By.id("override-until-error"), "Sluttidspunktet har allerede passert.");
        visit("22-override-past-end");

        new Select(browser.findElement(By.id("override-action"))).selectByValue("RING");
        click(By.id("preset-30"));
        click(By.id("set-override"));
        waitForText(By.id("alert"), "Overstyringen gjelder til");
        waitForText(By.id("active-override-text"), "Ring som vanlig til");
        waitForText(By.id("now"), "Manuell overstyring");
        assertThat(text(By.id("now"))).contains("ringer som vanlig");
        assertThat(activeElementId()).isEqualTo("active-override");
        visit("23-override-active");
        click(By.id("clear-override"));
        waitForText(By.id("alert"), "Overstyringen er fjernet.");
        waitForText(By.id("now"), "Opptatt");
        assertThat(browser.findElements(By.id("clear-override"))).isEmpty();
        printStatusRefresh();

        atWidth(PHONE);
        browser.navigate().refresh();
        waitForText(By.id("now"), "Opptatt");
        assertNoSidewaysScrolling();
        visit("24-calls-phone");
        browser.get(suite.consoleUrl() + "/#/me");
        waitForText(By.id("advanced-title"), "Avansert");
        assertNoSidewaysScrolling();
        visit("25-settings-phone");
        checks.assertNone();
    }

    @Test
    @Order(4)
    void adminSeesTheSwitchboardSyncTimesAndResyncsInBulk() {
        open("nb", DESKTOP);
        logIn(ADMIN, "admin-password");
        waitForText(By.id("ms-sync-title"), "Microsoft synkronisering");
        waiting(Duration.ofSeconds(60)).until(d -> {
            if (text(By.id("last-success")).equals("Aldri")) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        assertThat(text(By.id("users-failing"))).isEqualTo("0");
        visit("30-company-synced");

        browser.get(suite.consoleUrl() + "/#/switchboard");
        By lise = By.xpath("//table[@id='switchboard']//tr[td[contains(., 'Lise Lund')]]");
        waitForText(lise, "Opptatt");
        assertThat(text(lise)).contains("980 00 001", "Talepost",
                LocalDateTime.ofInstant(meetingEnd, ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("HH:mm")));
        visit("31-switchboard");
        assertThat(consoleText("nb", "stateName.OUTSIDE_WORKING_HOURS")).isEqualTo("Utenfor arbeidstid");
        assertThat(consoleText("en", "stateName.OUTSIDE_WORKING_HOURS")).isEqualTo("Outside working hours");
        assertThat(consoleText("nb", "switchboard.outsideNow")).isEqualTo("{count} utenfor arbeidstid");
        type(By.id("switchboard-search"), "tor");
        waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#switchboard tbody tr")).size() == 1
                && text(By.cssSelector("#switchboard tbody tr")).contains("Tor Tveit"));
        String summary = text(By.id("switchboard-summary"));
        waiting(Duration.ofSeconds(40)).until(d -> !text(By.id("switchboard-summary")).equals(summary));
        assertThat(value(By.id("switchboard-search"))).as("the refresh keeps the search").isEqualTo("tor");
        assertThat(activeElementId()).as("and its focus").isEqualTo("switchboard-search");
        assertThat(browser.findElements(By.cssSelector("#switchboard tbody tr"))).hasSize(1);

        // The selection outlives a search: pick Lise, search again, pick Tor.
        browser.get(suite.consoleUrl() + "/#/employees");
        waitFor(By.id("users-count"));
        type(By.id("user-search"), "lise");
        click(By.cssSelector("#users tr[data-email='" + LISE + "'] .select-row"));
        type(By.id("user-search"), "tor@");
        click(By.cssSelector("#users tr[data-email='" + TOR + "'] .select-row"));
        waitForText(By.id("selected-count"), "2 valgt");
        click(By.id("bulk-resync"));
        waitForText(By.id("bulk-result"), "Synkroniser på nytt: 1 av 2 fullført, 0 feilet.");
        assertThat(text(By.id("bulk-result"))).contains(TOR + ": hoppet over: synkronisering er av");
        type(By.id("user-search"), "lise");
        waitForText(By.cssSelector("#users tr[data-email='" + LISE + "'] .sync-state"), "Synkronisert");
        visit("32-employees-bulk-resync");
        new Select(browser.findElement(By.id("user-filter"))).selectByValue("failing");
        waitForText(By.id("users-empty"), "Ingen ansatte passer.");

        // A problem the console does not know: a generic sentence, the service's words only in the collapsed detail.
        ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/problems.js'), import('/api.js')]).then(([problems, api]) => {
                  problems.showError(new api.ApiError(418, { type: 'urn:calroute:problem:teapot', title: 'I am a teapot',
                    detail: 'Short and stout', errors: [{ field: 'email', code: 'brand-new-rule', message: 'Brand new rule' }] }));
                  done();
                }).catch((error) => done(String(error)));
                """);
        waitForText(By.id("alert"), "Noe gikk galt (HTTP 418).");
        assertThat(text(By.id("alert"))).contains("E-postadresse: Ugyldig verdi.").doesNotContain("Short and stout");
        WebElement detail = browser.findElement(By.cssSelector("#alert details.technical"));
        assertThat(detail.getAttribute("open")).isNull();
        assertThat(detail.findElement(By.cssSelector("[lang=en]")).getAttribute("textContent")).contains("Short and stout", "Brand new rule");
        visit("33-unknown-problem");

        atWidth(PHONE);
        for (String[] page : new String[][] {{"#/company", "ms-sync-title", "34-company-phone"},
                {"#/employees", "users-count", "35-employees-phone"}, {"#/exchange", "ews-fields", "36-exchange-phone"},
                {"#/switchboard", "switchboard-summary", "37-switchboard-phone"}}) {
            browser.get(suite.consoleUrl() + "/" + page[0]);
            waitFor(By.id(page[1]));
            assertNoSidewaysScrolling();
            visit(page[2]);
        }
        checks.assertNone();
    }

    @Test
    @Order(5)
    void anEnglishBrowserGetsTheConsoleAndTheLoginInEnglish() {
        open("en-GB", DESKTOP);
        browser.get(suite.consoleUrl() + "/");
        waitForText(By.id("login"), "Log in");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        visit("40-welcome-english");
        click(By.id("login"));
        waitFor(By.id("username"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("kc-login")).getAttribute("value") + text(By.id("kc-login"))).contains("Sign In");
        screenshot("41-login-english");
        submitLogin(ADMIN, "admin-password");
        waitForText(By.id("ms-sync-title"), "Microsoft synchronisation");
        assertThat(text(By.id("time-zone"))).isEqualTo("Norwegian time (Europe/Oslo)");
        visit("42-company-english");
        browser.get(suite.consoleUrl() + "/#/exchange");
        waitForText(By.id("ews-fields"), "DOMAIN\\user");
        assertThat(new Select(browser.findElement(By.id("exchangeVersion"))).getFirstSelectedOption().getText())
                .isEqualTo("Exchange 2013 SP1 (also 2016/2019/SE)");
        visit("43-exchange-english");
        browser.get(suite.consoleUrl() + "/#/employees");
        waitForText(By.id("users-count"), "24 employees");
        visit("44-employees-english");
        browser.get(suite.consoleUrl() + "/#/switchboard");
        waitForText(By.id("switchboard"), "Busy");
        visit("45-switchboard-english");
        atWidth(PHONE);
        browser.navigate().refresh();
        waitForText(By.id("switchboard"), "Busy");
        assertNoSidewaysScrolling();
        visit("46-switchboard-english-phone");
        browser.get(suite.consoleUrl() + "/#/employees");
        waitForText(By.id("users-count"), "24 employees");
        assertNoSidewaysScrolling();
        visit("47-employees-english-phone");
        checks.assertNone();
    }

    @Test
    @Order(6)
    void anEnglishEmployeeOnAPhoneSeesTheirCalls() {
        open("en-GB", PHONE);
        logIn(LISE, "employee-password");
        waitForText(By.id("advanced-title"), "Advanced");
        assertThat(text(By.cssSelector("#setting-OUTSIDE_WORKING_HOURS legend"))).isEqualTo("Outside working hours");
        assertThat(text(By.id("explain-OUTSIDE_WORKING_HOURS")))
                .startsWith("Outside your working hours in Outlook, calls to ").endsWith(" go to the switchboard.");
        assertThat(text(By.id("explain-invitations")))
                .isEqualTo("Invitations you have not answered count as tentative until you answer.");
        assertNoSidewaysScrolling();
        visit("50-settings-english-phone");
        browser.get(suite.consoleUrl() + "/#/calls");
        waitForText(By.id("now"), "Busy");
        assertThat(text(By.id("now"))).contains("go to voicemail", "980 00 001");
        assertThat(text(By.id("why"))).isEqualTo("You have an appointment in Outlook marked Busy."
                + " Invitations you have not answered count as tentative until you answer.");
        assertNoSidewaysScrolling();
        visit("51-calls-english-phone");
        atWidth(DESKTOP);
        browser.navigate().refresh();
        waitForText(By.id("now"), "Busy");
        visit("52-calls-english");
        checks.assertNone();
    }

    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void numbersAndCsvAreReadAsPeopleWriteThem() {
        // The console's own modules, run in the browser they are written for.
        open("nb", DESKTOP);
        browser.get(suite.consoleUrl() + "/");
        waitForText(By.id("login"), "Logg inn");
        Map<String, Object> read = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/phone.js'), import('/csv.js')]).then(([phone, csv]) => {
                  const typed = ['91234567', '912 34 567', '+47 912 34 567', '0047 912 34 567', '912-34-567', '1234', 'ring meg', '+46 70 123 45 67'];
                  const bytes1252 = new Uint8Array([0x6e, 0x61, 0x76, 0x6e, 0x3b, 0xc5, 0x73, 0x65]); // "navn;Åse" in Windows-1252
                  const bom = new TextEncoder().encode('\\ufeffe-post;mobil\\r\\nåse@a.no;91234567\\r\\n');
                  done({
                    parsed: typed.map((text) => { const r = phone.parsePhone(text); return r.e164 || r.reason; }),
                    shown: ['+4791234567', '+4722000000', '+46701234567'].map((n) => phone.formatPhone(n)),
                    international: phone.formatPhone('+4791234567', { international: true }),
                    cp1252: csv.decodeBytes(bytes1252.buffer),
                    utf8: csv.decodeBytes(bom.buffer),
                    semicolon: csv.readEmployees('Navn;E-post;Mobilnummer\\n"Lund; Lise";lise@a.no;912 34 567\\n').rows[0],
                    comma: csv.readEmployees('email,mobile,name\\nlise@a.no,91234567,Lise\\n').rows[0],
                    headerless: csv.readEmployees('lise@a.no;91234567;Lise\\n').rows[0],
                    unknown: csv.readEmployees('a;b\\n1;2\\n').error,
                  });
                }).catch((error) => done({ error: String(error) }));
                """);
        assertThat((List<String>) read.get("parsed")).containsExactly("+4791234567", "+4791234567", "+4791234567", "+4791234567",
                "+4791234567", "phone.length", "phone.characters", "+46701234567");
        // Grouped with no-break spaces, so a number never wraps.
        assertThat((List<String>) read.get("shown")).containsExactly("912\u00a034\u00a0567", "22\u00a000\u00a000\u00a000",
                "+46\u00a0701\u00a0234\u00a0567");
        assertThat(read.get("international")).isEqualTo("+47\u00a0912\u00a034\u00a0567");
        assertThat((Map<String, Object>) read.get("cp1252")).containsEntry("text", "navn;Åse").containsEntry("encoding", "Windows-1252");
        assertThat((Map<String, Object>) read.get("utf8")).containsEntry("text", "e-post;mobil\r\nåse@a.no;91234567\r\n")
                .containsEntry("encoding", "UTF-8");
        assertThat((Map<String, Object>) read.get("semicolon")).containsEntry("email", "lise@a.no").containsEntry("mobile", "912 34 567")
                .containsEntry("name", "Lund; Lise");
        assertThat((Map<String, Object>) read.get("comma")).containsEntry("email", "lise@a.no").containsEntry("name", "Lise");
        assertThat((Map<String, Object>) read.get("headerless")).containsEntry("email", "lise@a.no").containsEntry("mobile", "91234567");
        assertThat(read.get("unknown")).isEqualTo("csv.missingColumns");
    }

    @Test
    @Order(8)
    void aLoginErrorInTheAddressShowsAFixedMessageNeverTheLinksOwnText() {
        // Anyone can send a link to the console with an OIDC error and a text of their choosing (phishing).
        String bait = URLEncoder.encode("Account locked: call +4799999999 to unlock", StandardCharsets.UTF_8);
        open("en-GB", DESKTOP);
        browser.get(suite.consoleUrl() + "/?error=access_denied&error_description=" + bait + "&state=x");
        waitForText(By.id("alert"), "The login was cancelled or refused.");
        assertThat(browser.findElement(By.id("alert")).getText()).doesNotContain("+4799999999");

        browser.get(suite.consoleUrl() + "/?error=" + bait);
        waitForText(By.id("alert"), "The login failed.");
        assertThat(browser.findElement(By.id("alert")).getText()).doesNotContain("+4799999999");
    }

    @Test
    @Order(9)
    void adminDefinesCodesAndCategoriesAndAnEmployeeListsPriorityCallersAndSilencesTheAnnouncement() {
        open("nb", DESKTOP);
        logIn(ADMIN, "admin-password");
        browser.get(suite.consoleUrl() + "/#/codes");
        waitForText(By.id("codes-intro"), "Koder og kategorier");
        click(By.id("add-code"));
        type(By.id("code-0"), "MØT:");
        click(By.id("save-codes"));
        // Refused beside the field, in Norwegian: the ':' is typed in Outlook, not here.
        waitForText(By.id("code-0-error"), "Bare bokstaver og sifre");
        assertThat(browser.findElement(By.id("code-0")).getAttribute("aria-invalid")).isEqualTo("true");
        visit("90-codes-refused");
        type(By.id("code-0"), "MØT");
        click(By.id("add-category"));
        type(By.id("category-1"), "Ferie");
        new Select(browser.findElement(By.id("category-type-1"))).selectByValue("OOF");
        new Select(browser.findElement(By.id("category-diverts-1"))).selectByValue("false");
        click(By.id("save-codes"));
        waitForText(By.id("alert"), "Kodene og kategoriene er lagret.");
        visit("91-codes-saved");
        browser.navigate().refresh();
        waitForText(By.id("codes-intro"), "Koder og kategorier");
        waiting(Duration.ofSeconds(20)).until(d -> "MØT".equals(value(By.id("code-0"))));
        assertThat(selected(By.id("code-type-0"))).isEqualTo("BUSY");
        assertThat(value(By.id("category-1"))).isEqualTo("Ferie");
        assertThat(selected(By.id("category-type-1"))).isEqualTo("OOF");
        assertThat(selected(By.id("category-diverts-1"))).isEqualTo("false");
        Api.Response codes = Api.get(suite.configUrl() + "/api/v1/tenants/nordlys/calendar-codes",
                Api.token(suite.issuer(), ADMIN, "admin-password"));
        assertThat(codes.status()).isEqualTo(200);
        assertThat(codes.body().path("codes").get(0).path("code").asText()).isEqualTo("MØT");
        assertThat(codes.body().path("categories").get(0).path("diverts").asBoolean(true)).isFalse();
        browser.quit();

        open("nb", DESKTOP);
        logIn(LISE, "employee-password");
        waitForText(By.id("advanced-title"), "Avansert");
        type(By.id("priority-numbers"), "912 34 567\n+46 70 123 45 67");
        WebElement colleagues = browser.findElement(By.id("priority-colleagues"));
        if (!colleagues.isSelected()) {
            colleagues.click();
        }
        waitForText(By.id("explain-priority"), "Prioriterte numre som slipper gjennom: 2. Kolleger slipper også gjennom.");
        WebElement announcement = browser.findElement(By.id("announcement-enabled"));
        assertThat(announcement.isSelected()).as("callers hear the status unless the employee says no").isTrue();
        announcement.click();
        waitForText(By.id("explain-announcement"), "Innringere får ikke vite noe om statusen din.");
        click(By.id("save-settings"));
        waitForText(By.id("alert"), "Statusinnstillingene er lagret.");
        visit("92-priority-and-announcement");
        browser.navigate().refresh();
        waitForText(By.id("advanced-title"), "Avansert");
        assertThat(value(By.id("priority-numbers")).replace('\u00a0', ' ')).isEqualTo("+47 912 34 567\n+46 701 234 567");
        assertThat(browser.findElement(By.id("priority-colleagues")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("announcement-enabled")).isSelected()).isFalse();
        String lise = Api.token(suite.issuer(), LISE, "employee-password");
        Api.Response priority = Api.get(suite.configUrl() + "/api/v1/me/priority-callers", lise);
        assertThat(priority.body().path("numbers").toString()).isEqualTo("[\"+4791234567\",\"+46701234567\"]");
        assertThat(Api.get(suite.configUrl() + "/api/v1/me/announcement", lise).body().path("enabled").asBoolean(true)).isFalse();
    }

    // ---------- checks and figures ----------

    /** The value of the select's chosen option. */
    private String selected(By locator) {
        return new Select(browser.findElement(locator)).getFirstSelectedOption().getAttribute("value");
    }

    /** One of the console's texts, as the served module {@code texts/<language>.js} holds it (dotted key). */
    private String consoleText(String textsLanguage, String key) {
        Object found = ((JavascriptExecutor) browser).executeAsyncScript("""
                const [language, key, done] = arguments;
                import('/texts/' + language + '.js')
                  .then((texts) => done(key.split('.').reduce((node, part) => node?.[part], texts.default) ?? null))
                  .catch((error) => done(String(error)));
                """, textsLanguage, key);
        return found == null ? null : found.toString();
    }

    /** A screenshot named by language and width, and the checks: axe-core always, English words in Norwegian. */
    private void visit(String name) {
        ConsoleChecks.readEnglishWords(browser);
        screenshot(language.substring(0, 2) + "-" + width + "-" + name);
        String state = language + "@" + width + " " + name;
        checks.accessibility(browser, state);
        checks.noRawValues(browser, state);
        if (language.equals("nb")) {
            checks.noEnglish(browser, state);
        } else {
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        }
    }

    /** From navigation (the redirect back from Keycloak) to the first page drawn with its data. */
    private void printPageLoad(String page) {
        Object millis = ((JavascriptExecutor) browser).executeScript(
                "const m = performance.getEntriesByName('calroute:page-ready'); return m.length ? m[0].duration : null");
        assertThat(millis).as("the console measured its page load").isNotNull();
        System.out.printf("WebConsoleIT figure: page load of the %s (navigation to drawn with data, incl. token exchange): %.0f ms%n",
                page, ((Number) millis).doubleValue());
    }

    /** Each 5-second refresh of "My calls" (status and timeline fetched, display redrawn) as the console measured it. */
    @SuppressWarnings("unchecked")
    private void printStatusRefresh() {
        List<Number> durations = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByName('calroute:status-refresh').map((m) => m.duration)");
        assertThat(durations).as("status refreshes measured").isNotEmpty();
        List<Double> sorted = durations.stream().map(Number::doubleValue).sorted().toList();
        System.out.printf("WebConsoleIT figure: status refresh over %d refreshes: median %.0f ms, max %.0f ms%n",
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }

    private void assertNoSidewaysScrolling() {
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling at %d px", width).isLessThanOrEqualTo((long) width);
    }

    // ---------- browser helpers ----------

    private void open(String browserLanguage, int windowWidth) {
        language = browserLanguage;
        checks = new ConsoleChecks();
        browser = chromium(browserLanguage);
        atWidth(windowWidth);
    }

    private void atWidth(int windowWidth) {
        width = windowWidth;
        browser.manage().window().setSize(new Dimension(windowWidth, windowWidth == PHONE ? 844 : 900));
    }

    /** Debian's chromium through chromium-driver; fails (never skips) when they are missing. */
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
                    "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=" + language, "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return chrome;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile folder", e);
        }
    }

    /** Logs in through Keycloak's page, which speaks the browser's language (checked for English in Norwegian). */
    private void logIn(String username, String password) {
        browser.get(suite.consoleUrl() + "/");
        waitFor(By.id("login"));
        ConsoleChecks.readEnglishWords(browser);
        click(By.id("login"));
        waitFor(By.id("username"));
        if (language.equals("nb")) {
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("no");
            assertThat(browser.findElement(By.id("kc-login")).getAttribute("value") + text(By.id("kc-login"))).contains("Logg inn");
            screenshot(language + "-" + width + "-login-" + username.replaceAll("@.*", ""));
            checks.noEnglish(browser, "Keycloak login");
        }
        submitLogin(username, password);
    }

    private void submitLogin(String username, String password) {
        WebDriverWait wait = waiting(Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
        assertThat(text(By.id("user-email"))).isEqualTo(username);
    }

    private void fillEws(String password) {
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
    }

    /**
     * The connection the first test saves through the form, saved through the API when that test did not get so far,
     * so each later test starts from what it needs.
     */
    private static void ensureConnectionSaved() {
        String url = suite.configUrl() + "/api/v1/tenants/nordlys/exchange";
        if (Api.get(url, adminToken()).status() == 200) {
            return;
        }
        Api.Response saved = Api.put(url, adminToken(), Map.of("kind", "EWS", "username", SERVICE_ACCOUNT,
                "password", SERVICE_PASSWORD, "ewsUrl", suite.ewsUrl(), "domain", "nordlys.example",
                "exchangeVersion", "Exchange2013_SP1", "caCertificatePem", exchange.certificatePem()));
        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
    }

    private Api.Response savedConnection() {
        return Api.get(suite.configUrl() + "/api/v1/tenants/nordlys/exchange", adminToken());
    }

    private static String adminToken() {
        return Api.token(suite.issuer(), ADMIN, "admin-password");
    }

    /** The downloadable template's text, BOM included, read from the link's data: address. */
    private String template() {
        String href = browser.findElement(By.id("csv-template")).getAttribute("href");
        String prefix = "data:text/csv;charset=utf-8,";
        assertThat(href).startsWith(prefix);
        assertThat(browser.findElement(By.id("csv-template")).getAttribute("download")).endsWith(".csv");
        return URLDecoder.decode(href.substring(prefix.length()), StandardCharsets.UTF_8);
    }

    private void uploadCsv(String name, String content, Charset charset) throws IOException {
        Path file = Files.createTempDirectory("calroute-csv-").resolve(name);
        Files.write(file, content.getBytes(charset));
        browser.findElement(By.id("bulk-file")).sendKeys(file.toAbsolutePath().toString());
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#users tbody tr"));
    }

    private int y(By locator) {
        return browser.findElement(locator).getLocation().getY();
    }

    private String activeElementId() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement && document.activeElement.id");
    }

    private void type(By locator, String value) {
        WebElement element = waiting(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
        element.clear();
        // clear() sends no input event; the search field listens for one.
        ((JavascriptExecutor) browser).executeScript("arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", element);
        element.sendKeys(value);
    }

    /** Clicks inside the wait: a list that re-renders between finding the element and the click is tried again. */
    private void click(By locator) {
        waiting(Duration.ofSeconds(20)).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    private String text(By locator) {
        return browser.findElement(locator).getText();
    }

    private String value(By locator) {
        return browser.findElement(locator).getDomProperty("value");
    }

    /** A wait that retries when the page re-rendered under it: several pages refresh themselves. */
    private WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void waitFor(By locator) {
        waitForText(locator, "");
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
