package com.calroute.ewssim.graph;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.ControlJson;
import com.calroute.testing.time.MovableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import com.calroute.ewssim.control.Specs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Graph side of the simulator spoken over HTTP exactly as a Graph client speaks it. */
class GraphSimulatorTest {
    private static final String TENANT = "6f1c2f4e-8a0b-4c55-9d1e-1a2b3c4d5e6f";
    private static final String APP = "0b5d0c4e-3f2a-4a1b-8c9d-112233445566";
    private static final String SECRET = "s3cr3t~value";
    private static final String KARI = "kari@acme.example";
    private static final String OLA = "ola@acme.example";
    private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-14T00:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private EwsSimulator simulator;
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        startOn(Clock.systemUTC());
    }

    /** Starts the simulator on {@code clock} with Kari and Ola, and the app scoped to Kari. */
    private void startOn(Clock clock) throws Exception {
        simulator = EwsSimulator.builder().httpPort(0).clock(clock).start();
        control("PUT", "/mailboxes/" + KARI, "{\"displayName\":\"Kari\",\"timeZone\":\"Europe/Oslo\"}");
        control("PUT", "/mailboxes/" + OLA, "{\"displayName\":\"Ola\",\"timeZone\":\"Europe/Oslo\"}");
        // Scoped the way Microsoft recommends: no tenant-wide permission, an RBAC for Applications assignment for Kari.
        registerApp(APP, "[]", "[\"" + KARI + "\"]", 3599);
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        simulator.close();
    }

    @Test
    void clientCredentialsGiveAJwtShapedTokenAndEveryWrongInputItsAadstsError() throws Exception {
        HttpResponse<String> ok = tokenRequest(TENANT, APP, SECRET, "https://graph.microsoft.com/.default");
        JsonNode token = ControlJson.MAPPER.readTree(ok.body());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asInt()).isEqualTo(3599);
        String[] parts = token.get("access_token").asText().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = ControlJson.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("tid").asText()).isEqualTo(TENANT);
        assertThat(claims.get("appid").asText()).isEqualTo(APP);
        // The app is scoped by RBAC for Applications only, which the token does not carry.
        assertThat(claims.has("roles")).isFalse();

        HttpResponse<String> badSecret = tokenRequest(TENANT, APP, "wrong", "https://graph.microsoft.com/.default");
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(json(badSecret).get("error").asText()).isEqualTo("invalid_client");
        assertThat(json(badSecret).get("error_description").asText()).startsWith("AADSTS7000215:");
        assertThat(json(badSecret).get("error_codes").get(0).asInt()).isEqualTo(7000215);
        // Microsoft's documented shape: trace lines after CRLF, a space-separated timestamp, the error URI.
        assertThat(json(badSecret).get("error_description").asText()).contains("\r\nTrace ID: ")
                .contains("\r\nCorrelation ID: ").containsPattern("\r\nTimestamp: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z");
        assertThat(json(badSecret).get("error_uri").asText()).isEqualTo("https://login.microsoftonline.com/error?code=7000215");
        HttpResponse<String> noSecret = tokenRequest(TENANT, APP, "", "https://graph.microsoft.com/.default");
        assertThat(json(noSecret).get("error_codes").get(0).asInt()).isEqualTo(7000218);

        HttpResponse<String> unknownApp = tokenRequest(TENANT, "99999999-0000-0000-0000-000000000000", SECRET,
                "https://graph.microsoft.com/.default");
        assertThat(unknownApp.statusCode()).isEqualTo(400);
        assertThat(json(unknownApp).get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(json(unknownApp).get("error_description").asText()).startsWith("AADSTS700016:");

        HttpResponse<String> unknownTenant = tokenRequest("00000000-1111-2222-3333-444444444444", APP, SECRET,
                "https://graph.microsoft.com/.default");
        assertThat(unknownTenant.statusCode()).isEqualTo(400);
        assertThat(json(unknownTenant).get("error_description").asText()).startsWith("AADSTS90002:");

        HttpResponse<String> badScope = tokenRequest(TENANT, APP, SECRET, "Calendars.Read");
        assertThat(json(badScope).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void calendarViewDeltaPagesTheSameInstancesTheEwsCalendarViewHasThenReportsOnlyChanges() throws Exception {
        String series = createAppointment(KARI, "{\"subject\":\"Stand-up\",\"start\":\"2026-11-30T09:00:00\",\"duration\":\"PT15M\","
                + "\"timeZone\":\"Europe/Oslo\",\"recurrence\":{\"pattern\":\"DAILY\",\"interval\":1,\"count\":10}}");
        control("DELETE", "/mailboxes/" + KARI + "/appointments/" + enc(series) + "/occurrences/2026-12-02T08:00:00Z", null);
        control("PATCH", "/mailboxes/" + KARI + "/appointments/" + enc(series) + "/occurrences/2026-12-03T08:00:00Z",
                "{\"at\":\"14:00\",\"freeBusy\":\"Tentative\"}");
        String vacation = createAppointment(KARI, "{\"subject\":\"Vacation\",\"allDay\":true,\"start\":\"2026-12-07\",\"days\":2,"
                + "\"freeBusy\":\"OOF\",\"sensitivity\":\"Private\"}");
        createAppointment(KARI, "{\"subject\":\"Visit\",\"start\":\"2026-12-04T10:00:00\",\"duration\":\"PT2H\",\"freeBusy\":\"WorkingElsewhere\"}");
        String token = accessToken();

        List<JsonNode> firstRound = new ArrayList<>();
        String deltaLink = drain(token, graph() + "/v1.0/users/" + KARI + "/calendarView/delta?startDateTime=" + FROM
                + "&endDateTime=" + TO, 3, firstRound);

        JsonNode ewsView = control("GET", "/mailboxes/" + KARI + "/calendarview?start=" + FROM + "&end=" + TO, null).json();
        Set<String> ewsIds = new HashSet<>();
        ewsView.forEach(item -> ewsIds.add(GraphEvents.restId(item.get("itemId").asText())));
        assertThat(firstRound).hasSize(ewsView.size()).hasSize(11);
        assertThat(firstRound).extracting(e -> e.get("id").asText()).containsExactlyInAnyOrderElementsOf(ewsIds);
        JsonNode moved = firstRound.stream().filter(e -> e.get("type").asText().equals("exception")).findFirst().orElseThrow();
        assertThat(moved.get("start").get("dateTime").asText()).isEqualTo("2026-12-03T13:00:00.0000000");
        assertThat(moved.get("start").get("timeZone").asText()).isEqualTo("UTC");
        assertThat(moved.get("showAs").asText()).isEqualTo("tentative");
        assertThat(moved.get("originalStartTimeZone").asText()).isEqualTo("W. Europe Standard Time");
        assertThat(moved.get("seriesMasterId").asText()).isEqualTo(GraphEvents.restId(series));
        assertThat(firstRound).filteredOn(e -> e.get("type").asText().equals("occurrence")).hasSize(8);
        JsonNode allDay = byId(firstRound, GraphEvents.restId(vacation));
        assertThat(allDay.get("isAllDay").asBoolean()).isTrue();
        assertThat(allDay.get("showAs").asText()).isEqualTo("oof");
        assertThat(allDay.get("sensitivity").asText()).isEqualTo("private");
        assertThat(allDay.get("type").asText()).isEqualTo("singleInstance");
        assertThat(firstRound).anyMatch(e -> e.get("showAs").asText().equals("workingElsewhere"));

        List<JsonNode> unchanged = new ArrayList<>();
        String sameLink = drain(token, deltaLink, 3, unchanged);
        assertThat(unchanged).isEmpty();

        String added = createAppointment(KARI, "{\"subject\":\"New\",\"start\":\"2026-12-08T12:00:00\",\"duration\":\"PT30M\"}");
        control("DELETE", "/mailboxes/" + KARI + "/appointments/" + enc(vacation), null);
        control("PATCH", "/mailboxes/" + KARI + "/appointments/" + enc(series) + "/occurrences/2026-12-04T08:00:00Z",
                "{\"cancelled\":true}");
        List<JsonNode> changes = new ArrayList<>();
        drain(token, sameLink, 3, changes);
        assertThat(byId(changes, GraphEvents.restId(added)).get("subject").asText()).isEqualTo("New");
        assertThat(byId(changes, GraphEvents.restId(vacation)).get("@removed").get("reason").asText()).isEqualTo("deleted");
        assertThat(changes).anyMatch(e -> e.path("isCancelled").asBoolean());
        assertThat(changes.size()).isLessThan(firstRound.size());
    }

    @Test
    void permissionsScopeAndTokensAreCheckedAsExchangeOnlineDoes() throws Exception {
        String token = accessToken();
        assertThat(get(token, "/v1.0/users/" + KARI + "/calendar").statusCode()).isEqualTo(200);
        HttpResponse<String> outOfScope = get(token, "/v1.0/users/" + OLA + "/calendar");
        assertThat(outOfScope.statusCode()).isEqualTo(403);
        assertThat(json(outOfScope).get("error").get("code").asText()).isEqualTo("ErrorAccessDenied");
        HttpResponse<String> unknown = get(token, "/v1.0/users/nobody@acme.example/calendar");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("code").asText()).isEqualTo("ErrorInvalidUser");
        HttpResponse<String> noToken = get(null, "/v1.0/users/" + KARI + "/calendar");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(json(noToken).get("error").get("code").asText()).isEqualTo("InvalidAuthenticationToken");
        HttpResponse<String> tampered = get(token.substring(0, token.length() - 4) + "AAAA", "/v1.0/users/" + KARI + "/calendar");
        assertThat(tampered.statusCode()).isEqualTo(401);

        registerApp(APP, "[]", "[]", 3599);
        HttpResponse<String> noPermission = get(accessToken(), "/v1.0/users/" + KARI + "/calendar");
        assertThat(noPermission.statusCode()).isEqualTo(403);
        // The tenant-wide application permission reads every mailbox, whatever the RBAC scope says.
        registerApp(APP, "[\"Calendars.Read\"]", "[]", 3599);
        assertThat(get(accessToken(), "/v1.0/users/" + OLA + "/calendar").statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenIsRefusedFromTheSecondItExpires() throws Exception {
        MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        simulator.close();
        startOn(clock);
        registerApp(APP, "[\"Calendars.Read\"]", "[\"*\"]", 1);
        String shortLived = accessToken();

        clock.advance(Duration.ofMillis(999));
        assertThat(get(shortLived, "/v1.0/users/" + OLA + "/calendar").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> expired = get(shortLived, "/v1.0/users/" + OLA + "/calendar");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void injected429CarriesRetryAfterAndMailboxConcurrencyIsFour() throws Exception {
        String token = accessToken();
        control("POST", "/faults", "{\"account\":\"" + APP + "\",\"kind\":\"GRAPH_429\",\"backOffMs\":2500,\"count\":1}");
        HttpResponse<String> throttled = get(token, "/v1.0/users/" + KARI + "/calendar");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
        assertThat(json(throttled).get("error").get("code").asText()).isEqualTo("TooManyRequests");
        assertThat(get(token, "/v1.0/users/" + KARI + "/calendar").statusCode()).isEqualTo(200);

        control("POST", "/faults", "{\"mailbox\":\"" + KARI + "\",\"kind\":\"LATENCY\",\"latencyMs\":1500}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> get(token, "/v1.0/users/" + KARI + "/calendar"));
            }
            // Each admitted request holds its slot for 1.5 s, so of eight at once only four get in.
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses).containsOnly(200, 429).contains(429);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(4L, 7L);
        } finally {
            pool.shutdownNow();
            control("DELETE", "/faults", null);
        }
        JsonNode stats = control("GET", "/graph/stats", null).json().get("mailboxes").get(APP + "|" + KARI);
        assertThat(stats.get("maxConcurrentObserved").asInt()).isEqualTo(4);
        assertThat(stats.get("mailboxConcurrencyRejected").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode app = control("GET", "/graph/stats", null).json().get("apps").get(APP.toLowerCase(java.util.Locale.ROOT));
        assertThat(app.get("maxConcurrentObserved").asInt()).isEqualTo(4);
        assertThat(app.get("inFlight").asInt()).isZero();
    }

    @Test
    void subscriptionsValidateTheReceiverNotifyOnChangesAndSendLifecycleEvents() throws Exception {
        BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> lifecycle = new LinkedBlockingQueue<>();
        AtomicBoolean echo = new AtomicBoolean(true);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/notify", "/lifecycle")) {
            receiver.createContext(path, exchange -> {
                try (exchange) {
                    String query = exchange.getRequestURI().getRawQuery();
                    if (query != null && query.startsWith("validationToken=")) {
                        byte[] echoed = (echo.get() ? URLDecoder.decode(query.substring(16), StandardCharsets.UTF_8) : "nope")
                                .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "text/plain");
                        exchange.sendResponseHeaders(200, echoed.length);
                        exchange.getResponseBody().write(echoed);
                        return;
                    }
                    JsonNode body = ControlJson.MAPPER.readTree(exchange.getRequestBody());
                    ("/notify".equals(path) ? notifications : lifecycle).add(body.get("value").get(0));
                    exchange.sendResponseHeaders(202, -1);
                }
            });
        }
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String token = accessToken();
        String expiry = Instant.now().plus(Duration.ofHours(1)).toString();
        String request = "{\"changeType\":\"created,updated,deleted\",\"notificationUrl\":\"" + base + "/notify\","
                + "\"lifecycleNotificationUrl\":\"" + base + "/lifecycle\",\"resource\":\"/users/" + KARI + "/events\","
                + "\"expirationDateTime\":\"" + expiry + "\",\"clientState\":\"opaque-state\"}";
        HttpResponse<String> created = send(token, "POST", "/v1.0/subscriptions", request);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("id").asText();
        assertThat(json(created).get("resource").asText()).isEqualTo("/users/" + KARI + "/events");

        String item = createAppointment(KARI, "{\"subject\":\"Pushed\",\"start\":\"2026-12-08T12:00:00\",\"duration\":\"PT30M\"}");
        JsonNode notification = notifications.poll(10, TimeUnit.SECONDS);
        assertThat(notification).isNotNull();
        assertThat(notification.get("subscriptionId").asText()).isEqualTo(id);
        assertThat(notification.get("clientState").asText()).isEqualTo("opaque-state");
        assertThat(notification.get("changeType").asText()).isEqualTo("created");
        assertThat(notification.get("tenantId").asText()).isEqualTo(TENANT);
        assertThat(notification.get("resourceData").get("id").asText()).isEqualTo(GraphEvents.restId(item));
        control("DELETE", "/mailboxes/" + KARI + "/appointments/" + enc(item), null);
        assertThat(notifications.poll(10, TimeUnit.SECONDS).get("changeType").asText()).isEqualTo("deleted");

        String tooLate = Instant.now().plus(Duration.ofMinutes(10081)).toString();
        assertThat(send(token, "PATCH", "/v1.0/subscriptions/" + id, "{\"expirationDateTime\":\"" + tooLate + "\"}").statusCode())
                .isEqualTo(400);
        String renewed = Instant.now().plus(Duration.ofDays(2)).toString();
        HttpResponse<String> renewal = send(token, "PATCH", "/v1.0/subscriptions/" + id, "{\"expirationDateTime\":\"" + renewed + "\"}");
        assertThat(renewal.statusCode()).isEqualTo(200);
        assertThat(Instant.parse(json(renewal).get("expirationDateTime").asText())).isEqualTo(Instant.parse(renewed));

        control("POST", "/graph/subscriptions/" + id + "/lifecycle", "{\"lifecycleEvent\":\"reauthorizationRequired\"}");
        JsonNode reauthorize = lifecycle.poll(10, TimeUnit.SECONDS);
        assertThat(reauthorize.get("lifecycleEvent").asText()).isEqualTo("reauthorizationRequired");
        assertThat(reauthorize.get("clientState").asText()).isEqualTo("opaque-state");
        control("POST", "/graph/subscriptions/" + id + "/lifecycle", "{\"lifecycleEvent\":\"subscriptionRemoved\"}");
        assertThat(lifecycle.poll(10, TimeUnit.SECONDS).get("lifecycleEvent").asText()).isEqualTo("subscriptionRemoved");
        assertThat(send(token, "GET", "/v1.0/subscriptions/" + id, null).statusCode()).isEqualTo(404);

        HttpResponse<String> outOfScope = send(token, "POST", "/v1.0/subscriptions", request.replace(KARI, OLA));
        assertThat(outOfScope.statusCode()).isEqualTo(403);
        echo.set(false);
        HttpResponse<String> unvalidated = send(token, "POST", "/v1.0/subscriptions", request);
        assertThat(unvalidated.statusCode()).isEqualTo(400);
        assertThat(json(unvalidated).get("error").get("code").asText()).isEqualTo("ValidationError");
        echo.set(true);
        String second = json(send(token, "POST", "/v1.0/subscriptions", request)).get("id").asText();
        assertThat(send(token, "DELETE", "/v1.0/subscriptions/" + second, null).statusCode()).isEqualTo(204);
        createAppointment(KARI, "{\"subject\":\"Unheard\",\"start\":\"2026-12-09T12:00:00\",\"duration\":\"PT30M\"}");
        assertThat(notifications.poll(1, TimeUnit.SECONDS)).isNull();
    }

    /**
     * Microsoft Graph's event resource (https://learn.microsoft.com/en-us/graph/api/resources/event): iCalUId "is
     * different for each occurrence in a recurring series"; originalStart is set on occurrences and exceptions only;
     * locations holds the event's location; webLink opens the event in Outlook on the web.
     */
    @Test
    void occurrencesCarryTheirOwnICalUIdAndOriginalStartAndLocationsMirrorLocation() throws Exception {
        String series = createAppointment(KARI, "{\"subject\":\"Stand-up\",\"location\":\"Room 7\",\"start\":\"2026-11-30T09:00:00\","
                + "\"duration\":\"PT15M\",\"timeZone\":\"Europe/Oslo\",\"recurrence\":{\"pattern\":\"DAILY\",\"interval\":1,\"count\":3}}");
        control("PATCH", "/mailboxes/" + KARI + "/appointments/" + enc(series) + "/occurrences/2026-12-01T08:00:00Z",
                "{\"at\":\"14:00\"}");
        String single = createAppointment(KARI, "{\"subject\":\"Alone\",\"start\":\"2026-12-03T10:00:00\",\"duration\":\"PT1H\"}");
        List<JsonNode> events = new ArrayList<>();
        drain(accessToken(), graph() + "/v1.0/users/" + KARI + "/calendarView/delta?startDateTime=" + FROM + "&endDateTime=" + TO,
                10, events);

        List<JsonNode> ofSeries = events.stream().filter(e -> !e.get("type").asText().equals("singleInstance")).toList();
        assertThat(ofSeries).hasSize(3);
        assertThat(ofSeries).extracting(e -> e.get("iCalUId").asText()).doesNotHaveDuplicates()
                .allSatisfy(uid -> assertThat(uid).startsWith("040000008200E00074C5B7101A82E008"));
        JsonNode exception = ofSeries.stream().filter(e -> e.get("type").asText().equals("exception")).findFirst().orElseThrow();
        assertThat(exception.get("originalStart").asText()).isEqualTo("2026-12-01T08:00:00Z");
        assertThat(exception.get("iCalUId").asText()).contains("07EA0C01");
        assertThat(ofSeries).allSatisfy(e -> assertThat(e.has("originalStart")).isTrue());
        JsonNode alone = byId(events, GraphEvents.restId(single));
        assertThat(alone.has("originalStart")).isFalse();
        assertThat(alone.get("iCalUId").asText()).contains("E00800000000");
        assertThat(alone.get("locations")).isEmpty();
        assertThat(exception.get("locations")).singleElement()
                .satisfies(location -> assertThat(location.get("displayName").asText()).isEqualTo("Room 7"));
        assertThat(alone.get("webLink").asText()).startsWith("https://outlook.office365.com/owa/?itemid=")
                .contains(URLEncoder.encode(GraphEvents.restId(single), StandardCharsets.UTF_8));
    }

    /**
     * {@code Prefer: outlook.timezone} answers start and end in that zone, named as asked, Windows or IANA
     * (https://learn.microsoft.com/en-us/graph/api/user-list-calendarview, request headers; the zones Graph accepts:
     * https://learn.microsoft.com/en-us/graph/api/resources/datetimetimezone).
     */
    @Test
    void preferOutlookTimezoneAnswersInThatZoneByWindowsOrIanaName() throws Exception {
        createAppointment(KARI, "{\"subject\":\"Noon\",\"start\":\"2026-12-03T12:00:00Z\",\"duration\":\"PT1H\"}");
        String token = accessToken();
        String view = graph() + "/v1.0/users/" + KARI + "/calendarView?startDateTime=" + FROM + "&endDateTime=" + TO;
        for (String zone : List.of("W. Europe Standard Time", "Europe/Oslo")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(view))
                    .header("Authorization", "Bearer " + token).header("Prefer", "outlook.timezone=\"" + zone + "\"")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode start = json(answer).get("value").get(0).get("start");
            assertThat(start.get("dateTime").asText()).isEqualTo("2026-12-03T13:00:00.0000000");
            assertThat(start.get("timeZone").asText()).isEqualTo(zone);
            assertThat(answer.headers().firstValue("Preference-Applied")).hasValue("outlook.timezone=\"" + zone + "\"");
        }
        JsonNode utc = json(get(token, "/v1.0/users/" + KARI + "/calendarView?startDateTime=" + FROM + "&endDateTime=" + TO))
                .get("value").get(0).get("start");
        assertThat(utc.get("dateTime").asText()).isEqualTo("2026-12-03T12:00:00.0000000");
        assertThat(utc.get("timeZone").asText()).isEqualTo("UTC");
    }

    /**
     * The non-delta reads: List calendarView (https://learn.microsoft.com/en-us/graph/api/user-list-calendarview) on
     * {@code /users/{id}/calendarView} and {@code /users/{id}/calendar/calendarView} gives the window's instances;
     * List events (https://learn.microsoft.com/en-us/graph/api/user-list-events) gives singles and series masters.
     * Both page with {@code $top} and an {@code @odata.nextLink}.
     */
    @Test
    void nonDeltaCalendarViewAndEventsAnswerAndPage() throws Exception {
        createAppointment(KARI, "{\"subject\":\"Daily\",\"start\":\"2026-11-30T09:00:00\",\"duration\":\"PT15M\","
                + "\"recurrence\":{\"pattern\":\"DAILY\",\"interval\":1,\"count\":4}}");
        createAppointment(KARI, "{\"subject\":\"Alone\",\"start\":\"2026-12-03T10:00:00\",\"duration\":\"PT1H\"}");
        String token = accessToken();
        for (String path : List.of("/calendarView", "/calendar/calendarView")) {
            HttpResponse<String> first = get(token, "/v1.0/users/" + KARI + path + "?startDateTime=" + FROM
                    + "&endDateTime=" + TO + "&$top=3");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(json(first).get("value")).hasSize(3);
            String next = json(first).get("@odata.nextLink").asText();
            assertThat(next).contains("$skip=3");
            HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json(second).get("value")).hasSize(2);
            assertThat(json(second).has("@odata.nextLink")).isFalse();
        }
        assertThat(get(token, "/v1.0/users/" + KARI + "/calendarView").statusCode()).isEqualTo(400);
        JsonNode events = json(get(token, "/v1.0/users/" + KARI + "/events")).get("value");
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactlyInAnyOrder("seriesMaster", "singleInstance");
        assertThat(events).allSatisfy(e -> assertThat(e.get("seriesMasterId").isNull()).isTrue());
        assertThat(get(token, "/v1.0/users/" + OLA + "/events").statusCode()).isEqualTo(403);
    }

    /** clientState is optional on a subscription (https://learn.microsoft.com/en-us/graph/api/resources/subscription). */
    @Test
    void aSubscriptionWithoutClientStateIsCreated() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notify", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                byte[] echoed = query == null ? new byte[0]
                        : URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, echoed.length == 0 ? -1 : echoed.length);
                exchange.getResponseBody().write(echoed);
            }
        });
        receiver.start();
        String request = "{\"changeType\":\"created\",\"notificationUrl\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/notify\",\"resource\":\"/users/" + KARI + "/events\",\"expirationDateTime\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\"}";

        HttpResponse<String> created = send(accessToken(), "POST", "/v1.0/subscriptions", request);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("clientState").isNull()).isTrue();
    }

    /**
     * An instance that moves out of the tracked window leaves the view, so the next delta round reports it removed
     * (the event: delta page, https://learn.microsoft.com/en-us/graph/api/event-delta, and "Use delta query to track
     * changes", https://learn.microsoft.com/en-us/graph/delta-query-overview, on removed instances). That it is
     * reported as removed rather than as an update is inferred: the page documents removals for the view, not moves.
     */
    @Test
    void anInstanceMovedOutOfTheTrackedWindowIsReportedRemoved() throws Exception {
        String item = createAppointment(KARI, "{\"subject\":\"Moves\",\"start\":\"2026-12-03T10:00:00\",\"duration\":\"PT1H\"}");
        String token = accessToken();
        List<JsonNode> first = new ArrayList<>();
        String deltaLink = drain(token, graph() + "/v1.0/users/" + KARI + "/calendarView/delta?startDateTime=" + FROM
                + "&endDateTime=" + TO, 10, first);
        assertThat(first).hasSize(1);

        control("PATCH", "/mailboxes/" + KARI + "/appointments/" + enc(item),
                "{\"start\":\"2027-01-20T10:00:00Z\",\"end\":\"2027-01-20T11:00:00Z\"}");
        List<JsonNode> changes = new ArrayList<>();
        drain(token, deltaLink, 10, changes);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.get("id").asText()).isEqualTo(GraphEvents.restId(item));
            assertThat(change.get("@removed").get("reason").asText()).isEqualTo("deleted");
        });
    }

    // --- helpers ---

    private String drain(String token, String url, int pageSize, List<JsonNode> into) throws Exception {
        String next = url;
        int pages = 0;
        while (true) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + token)
                    .header("Prefer", "odata.maxpagesize=" + pageSize)
                    .header("Prefer", "outlook.timezone=\"UTC\"").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json(page);
            assertThat(body.get("value").size()).isLessThanOrEqualTo(pageSize);
            body.get("value").forEach(into::add);
            pages++;
            if (body.has("@odata.deltaLink")) {
                assertThat(body.has("@odata.nextLink")).isFalse();
                assertThat(pages).isGreaterThanOrEqualTo(into.size() / pageSize);
                return body.get("@odata.deltaLink").asText();
            }
            next = body.get("@odata.nextLink").asText();
            assertThat(next).contains("$skiptoken=");
        }
    }

    private static JsonNode byId(List<JsonNode> events, String id) {
        return events.stream().filter(e -> e.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Microsoft Graph v1.0 "Get mailboxSettings" / "Update mailboxSettings" and the automaticRepliesSetting resource:
     * reading needs MailboxSettings.Read (calendar permissions do not cover it), changing needs
     * MailboxSettings.ReadWrite; the schedule is a dateTimeTimeZone (any zone in, UTC out).
     */
    @Test
    void automaticRepliesAreMailboxSettingsWithTheirOwnPermission() throws Exception {
        String calendarsOnly = accessToken();
        assertThat(get(calendarsOnly, "/v1.0/users/" + KARI + "/mailboxSettings").statusCode()).isEqualTo(403);

        registerApp(APP, "[\"MailboxSettings.Read\"]", "[]", 3599);
        String reader = accessToken();
        JsonNode off = json(get(reader, "/v1.0/users/" + KARI + "/mailboxSettings"));
        assertThat(off.path("automaticRepliesSetting").path("status").asText()).isEqualTo("disabled");
        assertThat(off.path("timeZone").asText()).isEqualTo("W. Europe Standard Time");
        String patch = "{\"automaticRepliesSetting\":{\"status\":\"scheduled\","
                + "\"scheduledStartDateTime\":{\"dateTime\":\"2026-12-22T00:00:00\",\"timeZone\":\"W. Europe Standard Time\"},"
                + "\"scheduledEndDateTime\":{\"dateTime\":\"2027-01-04T00:00:00\",\"timeZone\":\"W. Europe Standard Time\"},"
                + "\"internalReplyMessage\":\"På juleferie\"}}";
        assertThat(send(reader, "PATCH", "/v1.0/users/" + KARI + "/mailboxSettings", patch).statusCode()).isEqualTo(403);

        registerApp(APP, "[\"MailboxSettings.ReadWrite\"]", "[]", 3599);
        String writer = accessToken();
        assertThat(send(writer, "PATCH", "/v1.0/users/" + KARI + "/mailboxSettings", patch).statusCode()).isEqualTo(200);
        JsonNode scheduled = json(get(writer, "/v1.0/users/" + KARI + "/mailboxSettings/automaticRepliesSetting"));
        assertThat(scheduled.path("status").asText()).isEqualTo("scheduled");
        assertThat(scheduled.path("scheduledStartDateTime").path("dateTime").asText()).isEqualTo("2026-12-21T23:00:00.0000000");
        assertThat(scheduled.path("scheduledStartDateTime").path("timeZone").asText()).isEqualTo("UTC");
        assertThat(scheduled.path("scheduledEndDateTime").path("dateTime").asText()).isEqualTo("2027-01-03T23:00:00.0000000");
        assertThat(control("GET", "/mailboxes/" + KARI + "/automatic-replies", null).json().path("state").asText())
                .isEqualTo("Scheduled");
    }

    /**
     * Working hours as Graph's "workingHours resource type" shows them, inside {@code mailboxSettings} and alone:
     * lower-case week days, {@code timeOfDay} start and end, the time zone by its Windows name.
     */
    @Test
    void workingHoursAreMailboxSettingsInTheirOwnTimeZone() throws Exception {
        control("PUT", "/mailboxes/" + KARI + "/working-hours", "{\"timeZone\":\"Europe/Oslo\",\"periods\":["
                + "{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"],\"startMinute\":450,"
                + "\"endMinute\":930}]}");
        registerApp(APP, "[\"MailboxSettings.Read\"]", "[]", 3599);
        String reader = accessToken();
        JsonNode all = json(get(reader, "/v1.0/users/" + KARI + "/mailboxSettings"));
        JsonNode alone = json(get(reader, "/v1.0/users/" + KARI + "/mailboxSettings/workingHours"));
        for (JsonNode hours : List.of(all.path("workingHours"), alone)) {
            assertThat(hours.path("daysOfWeek").toString())
                    .isEqualTo("[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\"]");
            assertThat(hours.path("startTime").asText()).isEqualTo("07:30:00.0000000");
            assertThat(hours.path("endTime").asText()).isEqualTo("15:30:00.0000000");
            assertThat(hours.path("timeZone").path("name").asText()).isEqualTo("W. Europe Standard Time");
        }
        assertThatThrownBy(() -> simulator.control().putWorkingHours(KARI, new Specs.WorkingHoursSpec(null,
                List.of(new Specs.WorkingPeriodSpec(List.of("MONDAY"), 900, 480)))))
                .isInstanceOf(com.calroute.ewssim.control.ControlException.class);
    }

    private String graph() {
        return simulator.graphBaseUrl();
    }

    private String accessToken() throws Exception {
        return json(tokenRequest(TENANT, APP, SECRET, "https://graph.microsoft.com/.default")).get("access_token").asText();
    }

    @Test
    void certificateCredentialsArePs256WithTheSha256ThumbprintOrTheOlderRs256WithTheSha1One() throws Exception {
        com.calroute.ewssim.tls.SelfSignedCertificate registered = com.calroute.ewssim.tls.SelfSignedCertificate.generate("app");
        com.calroute.ewssim.tls.SelfSignedCertificate other = com.calroute.ewssim.tls.SelfSignedCertificate.generate("other");
        simulator.graph().putApp(new GraphApp(APP, TENANT, null, List.of(), List.of(KARI), 3599, registered.pem()));
        assertThat(assertionRequest(assertion(registered, registered, "PS256", "x5t#S256")).statusCode()).isEqualTo(200);
        assertThat(assertionRequest(assertion(registered, registered, "RS256", "x5t")).statusCode()).isEqualTo(200);
        HttpResponse<String> unregistered = assertionRequest(assertion(other, other, "PS256", "x5t#S256"));
        assertThat(unregistered.statusCode()).isEqualTo(401);
        assertThat(json(unregistered).get("error_codes").get(0).asInt()).isEqualTo(700027);
        // Named as the registered certificate but signed with another key, or with an algorithm Entra refuses.
        assertThat(json(assertionRequest(assertion(registered, other, "PS256", "x5t#S256"))).get("error_codes").get(0)
                .asInt()).isEqualTo(700027);
        assertThat(json(assertionRequest(assertion(registered, registered, "HS256", "x5t#S256"))).get("error_codes")
                .get(0).asInt()).isEqualTo(700027);
    }

    /** A client assertion naming {@code named}'s certificate, signed with {@code signer}'s key. */
    private String assertion(com.calroute.ewssim.tls.SelfSignedCertificate named,
            com.calroute.ewssim.tls.SelfSignedCertificate signer, String alg, String thumbprintHeader) throws Exception {
        java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder().withoutPadding();
        String digest = thumbprintHeader.equals("x5t") ? "SHA-1" : "SHA-256";
        String thumbprint = url.encodeToString(java.security.MessageDigest.getInstance(digest)
                .digest(named.certificate().getEncoded()));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"" + thumbprintHeader + "\":\"" + thumbprint + "\"}";
        String claims = "{\"aud\":\"" + simulator.loginBaseUrl() + "/" + TENANT + "/oauth2/v2.0/token\",\"iss\":\"" + APP
                + "\",\"sub\":\"" + APP + "\",\"jti\":\"" + java.util.UUID.randomUUID() + "\",\"nbf\":" + now
                + ",\"exp\":" + (now + 600) + "}";
        String unsigned = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(signer.privateKeyPem()
                        .replaceAll("-----[A-Z ]+-----", "").trim())));
        java.security.Signature signature;
        if (alg.equals("RS256")) {
            signature = java.security.Signature.getInstance("SHA256withRSA");
        } else {
            signature = java.security.Signature.getInstance("RSASSA-PSS");
            signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                    java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        }
        signature.initSign(key);
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + url.encodeToString(signature.sign());
    }

    private HttpResponse<String> assertionRequest(String assertion) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(APP)
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + assertion + "&scope=" + enc("https://graph.microsoft.com/.default");
        return http.send(HttpRequest.newBuilder(URI.create(simulator.loginBaseUrl() + "/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> tokenRequest(String tenant, String clientId, String secret, String scope) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&scope=" + enc(scope);
        return http.send(HttpRequest.newBuilder(URI.create(simulator.loginBaseUrl() + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return send(token, "GET", path, null);
    }

    private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(graph() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply control(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : ControlJson.MAPPER.readTree(response.body()));
    }

    private void registerApp(String clientId, String permissions, String scope, int lifetime) throws Exception {
        control("PUT", "/graph/apps/" + clientId, "{\"tenantId\":\"" + TENANT + "\",\"clientSecret\":\"" + SECRET
                + "\",\"permissions\":" + permissions + ",\"mailboxScope\":" + scope + ",\"tokenLifetimeSeconds\":" + lifetime + "}");
    }

    private String createAppointment(String smtp, String spec) throws Exception {
        return control("POST", "/mailboxes/" + smtp + "/appointments", spec).json().get("itemId").asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return ControlJson.MAPPER.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
