package com.calroute.sync.graph;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.graph.GraphApp;
import com.calroute.sync.ews.CalendarReader;
import com.calroute.sync.ews.EndpointResolver;
import com.calroute.sync.ews.EwsCalls;
import com.calroute.sync.ews.EwsClientFactory;
import com.calroute.sync.ews.HardenedExchangeService;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.NormalItem;
import com.calroute.sync.plan.Normaliser;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.testing.net.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.calroute.sync.testsupport.Simulators.ACCOUNT;
import static com.calroute.sync.testsupport.Simulators.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The graph package against the simulator's Graph endpoint: the same mailbox read over EWS and over Graph gives
 * identical normalised items; delta continues from its link; subjects never reach an item unless shared;
 * Retry-After is honoured; MailboxConcurrency is respected; every test-connection step can fail in plain words.
 */
class GraphAgainstSimulatorTest {
    private static final String KARI = "kari@acme.example";
    private static final String OLA = "ola@acme.example";
    private static final String ENTRA = "6f1c2f4e-8a0b-4c55-9d1e-1a2b3c4d5e6f";
    private static final String APP = "0b5d0c4e-3f2a-4a1b-8c9d-112233445566";
    private static final String SECRET = "graph-secret~1";
    private static EwsSimulator sim;
    private static String hostPort;

    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startSimulator() {
        sim = Simulators.start("Exchange2016");
        hostPort = Simulators.hostPort(sim.httpEwsUrl());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void seed() {
        sim.control().reset();
        Simulators.account(sim, ACCOUNT, PASSWORD, true);
        Simulators.mailbox(sim, KARI);
        Simulators.mailbox(sim, OLA);
        app(List.of("Calendars.Read"), List.of(KARI));
    }

    private static void app(List<String> permissions, List<String> scope) {
        sim.graph().putApp(new GraphApp(APP, ENTRA, SECRET, permissions, scope, 3599));
    }

    private static ExchangeConnection graphConnection(String secret) {
        String base = "http://" + hostPort;
        return new ExchangeConnection("acme", ConnectionKind.GRAPH, 1, null, null, null, null, null, ENTRA, APP, secret,
                null, base, base, null);
    }

    private GraphClient client() {
        return new GraphClient(new EndpointResolver(Set.of(hostPort), Set.of(hostPort)), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Clock.systemUTC(), slept::add);
    }

    private static SyncWindow window() {
        return SyncWindow.around(Instant.now(), Duration.ofDays(1), Duration.ofDays(14));
    }

    private static List<RawItem> readEws(String mailbox, boolean withSubjects) throws Exception {
        return readEws(mailbox, withSubjects, com.calroute.sync.plan.CodeBook.NONE);
    }

    private static List<RawItem> readEws(String mailbox, boolean withSubjects, com.calroute.sync.plan.CodeBook codes)
            throws Exception {
        EwsClientFactory factory = new EwsClientFactory(new EndpointResolver(Set.of(hostPort), Set.of(hostPort)),
                Duration.ofSeconds(3), Duration.ofSeconds(10));
        try (HardenedExchangeService service = factory.create(Simulators.httpConnection("acme", sim, 1))) {
            EwsClientFactory.impersonate(service, mailbox, mailbox);
            return new CalendarReader(1000).read(service, EwsCalls.DIRECT, window(), withSubjects, codes);
        }
    }

    /**
     * Subject codes and categories over EWS ({@code Categories}) and Graph ({@code categories}) alike: only the matched
     * code with its mark, or the tenant's category name, comes out of the reader — never a character of the subject
     * (a canary) nor a category the tenant does not define — and the two protocols agree item for item.
     */
    @Test
    void codesAndCategoriesAreFoundOverEwsAndGraphAndNothingElseOfTheSubjectLeaves() throws Exception {
        AppointmentSpec diverting = Simulators.startingIn("MØT: CANARY-budget", "PT2H", "PT1H", "Normal");
        sim.control().createAppointment(KARI, diverting);
        sim.control().createAppointment(KARI, Simulators.startingIn("fer; CANARY-holiday", "PT4H", "PT1H", "Private"));
        sim.control().createAppointment(KARI, new AppointmentSpec("CANARY-tagged", null, null, null, null, "PT6H", null,
                null, null, "PT1H", null, null, null, "Free", "Normal", null, null, null, null, null,
                List.of("CANARY-category", "ferie")));
        sim.control().createAppointment(KARI, Simulators.startingIn("CANARY MØT: not at the start", "PT8H", "PT1H",
                "Normal"));
        com.calroute.sync.plan.CodeBook codes = new com.calroute.sync.plan.CodeBook(List.of("MØT", "FER"),
                List.of("Ferie"));

        List<RawItem> overEws = readEws(KARI, false, codes);
        List<RawItem> overGraph = new GraphCalendarReader(client(), DeltaStore.inMemory(), 3)
                .read(graphConnection(SECRET), KARI, window(), false, codes);

        Normaliser normaliser = new Normaliser(false, ZoneId.of("Europe/Oslo"));
        List<NormalItem> ews = normaliser.normalise(overEws, window());
        assertThat(normaliser.normalise(overGraph, window())).isEqualTo(ews);
        assertThat(ews).extracting(NormalItem::subjectCode, NormalItem::subjectCodeMark, NormalItem::category)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MØT", ":", null),
                        org.assertj.core.groups.Tuple.tuple("FER", ";", null),
                        org.assertj.core.groups.Tuple.tuple(null, null, "Ferie"),
                        org.assertj.core.groups.Tuple.tuple(null, null, null));
        for (List<RawItem> raw : List.of(overEws, overGraph)) {
            assertThat(raw).allSatisfy(item -> {
                assertThat(item.subject()).isNull();
                assertThat(item.location()).isNull();
                assertThat(item.toString()).doesNotContain("CANARY");
            });
        }
        assertThat(ews.toString()).doesNotContain("CANARY");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules().writeValueAsString(ews))
                .doesNotContain("CANARY");
    }

    private void seedCalendar() {
        sim.control().createAppointment(KARI, Simulators.startingIn("Budget", "PT2H", "PT1H", "Normal"));
        sim.control().createAppointment(KARI, Simulators.startingIn("Doctor", "PT5H", "PT1H", "Private"));
        var series = sim.control().createAppointment(KARI, Simulators.daily("Stand-up", "PT26H", "PT15M", 6));
        List<Instant> starts = sim.control().calendarView(KARI, window().start(), window().end()).stream()
                .filter(item -> "Stand-up".equals(item.get("subject")))
                .map(item -> Instant.parse(String.valueOf(item.get("start")))).sorted().toList();
        sim.control().deleteOccurrence(KARI, series.itemId(), starts.get(1));
        sim.control().modifyOccurrence(KARI, series.itemId(), starts.get(2), new AppointmentSpec.OccurrenceSpec(null,
                null, null, null, null, null, null, null, null, "Tentative", null, true));
        sim.control().modifyOccurrence(KARI, series.itemId(), starts.get(3), new AppointmentSpec.OccurrenceSpec(null,
                null, null, "Moved", null, null, null, null, null, "Free", null, null, "14:00"));
        sim.control().createAppointment(KARI, new AppointmentSpec("Ferie", null, null, null, null, "P2D", null, null,
                null, null, 2, "Europe/Oslo", true, "OOF", "Normal", null, null, null, null));
        sim.control().createAppointment(KARI, new AppointmentSpec("Customer visit", null, null, null, null, "PT7H", null,
                null, null, "PT2H", null, null, null, "WorkingElsewhere", "Normal", null, null, null, null));
    }

    @Test
    void theSameMailboxReadOverEwsAndGraphNormalisesToIdenticalItems() throws Exception {
        seedCalendar();
        for (boolean shareSubjects : List.of(false, true)) {
            Normaliser normaliser = new Normaliser(shareSubjects, ZoneId.of("Europe/Oslo"));
            List<NormalItem> overEws = normaliser.normalise(readEws(KARI, shareSubjects), window());
            List<RawItem> graphRaw = new GraphCalendarReader(client(), DeltaStore.inMemory(), 3)
                    .read(graphConnection(SECRET), KARI, window(), shareSubjects);
            List<NormalItem> overGraph = normaliser.normalise(graphRaw, window());
            assertThat(overGraph).hasSize(9).isEqualTo(overEws);
            assertThat(overEws).extracting(NormalItem::busy).contains(com.calroute.sync.plan.Busy.WORKING_ELSEWHERE,
                    com.calroute.sync.plan.Busy.OOF, com.calroute.sync.plan.Busy.TENTATIVE,
                    com.calroute.sync.plan.Busy.FREE, com.calroute.sync.plan.Busy.BUSY);
            if (!shareSubjects) {
                assertThat(graphRaw).allSatisfy(item -> {
                    assertThat(item.subject()).isNull();
                    assertThat(item.location()).isNull();
                });
            } else {
                assertThat(overGraph).extracting(NormalItem::subject).contains("Budget", "Moved").doesNotContain("Doctor");
            }
        }
    }

    /**
     * Graph writes start and end in the zone {@code Prefer: outlook.timezone} names, Windows or IANA, and events carry
     * per-occurrence iCalUIds, originalStart, locations and webLink (Microsoft's event and List calendarView pages).
     * Whatever zone an answer comes in, the items read are the same instants, dates and statuses.
     */
    @Test
    void eventsAnsweredInAnyZoneAndWithEveryEventPropertyReadAsTheSameItems() throws Exception {
        seedCalendar();
        ExchangeConnection connection = graphConnection(SECRET);
        GraphClient client = client();
        String view = GraphClient.graphBase(connection) + "/v1.0/users/" + KARI + "/calendarView?startDateTime="
                + window().start() + "&endDateTime=" + window().end() + "&$top=100";
        Normaliser normaliser = new Normaliser(false, ZoneId.of("UTC"));
        List<NormalItem> inUtc = null;
        for (String zone : List.of("UTC", "W. Europe Standard Time", "Europe/Oslo", "Pacific Standard Time")) {
            com.fasterxml.jackson.databind.JsonNode page = client.get(connection, view, KARI,
                    Map.of("Prefer", "outlook.timezone=\"" + zone + "\""));
            List<RawItem> raw = new ArrayList<>();
            page.get("value").forEach(event -> {
                assertThat(event.get("start").get("timeZone").asText()).isEqualTo(zone);
                raw.add(GraphItems.toRaw(event, false));
            });
            List<NormalItem> items = normaliser.normalise(raw, window());
            assertThat(items).hasSize(9);
            if (inUtc == null) {
                inUtc = items;
                assertThat(page.get("value")).anySatisfy(event -> assertThat(event.has("originalStart")).isTrue());
            } else {
                assertThat(items).as(zone).isEqualTo(inUtc);
            }
        }
    }

    @Test
    void workingElsewhereKeepsItsMeaningOverEwsAndGraph() throws Exception {
        // ews-java-api speaks the Exchange2010_SP2 schema, where Exchange shows WorkingElsewhere as Busy: the EWS
        // reader takes the store's PidLidBusyStatus instead.
        sim.control().createAppointment(KARI, new AppointmentSpec("Customer visit", null, null, null, null, "PT3H", null,
                null, null, "PT2H", null, null, null, "WorkingElsewhere", "Normal", null, null, null, null));
        List<RawItem> overGraph = new GraphCalendarReader(client(), DeltaStore.inMemory(), 10)
                .read(graphConnection(SECRET), KARI, window(), false);
        List<RawItem> overEws = readEws(KARI, false);
        for (List<RawItem> raw : List.of(overGraph, overEws)) {
            assertThat(new Normaliser(false, ZoneId.of("UTC")).normalise(raw, window())).singleElement()
                    .satisfies(item -> assertThat(item.busy()).isEqualTo(com.calroute.sync.plan.Busy.WORKING_ELSEWHERE));
        }
        assertThat(sim.control().requests(null, KARI, "FindItem")).isNotEmpty();
    }

    @Test
    void laterReadsContinueFromTheDeltaLinkAndFollowChanges() throws Exception {
        seedCalendar();
        DeltaStore store = DeltaStore.inMemory();
        GraphCalendarReader reader = new GraphCalendarReader(client(), store, 4);
        ExchangeConnection connection = graphConnection(SECRET);
        reader.read(connection, KARI, window(), false);
        assertThat(store.load("acme", KARI).deltaLink()).contains("$deltatoken=");
        sim.control().clearRequests();

        var added = sim.control().createAppointment(KARI, Simulators.startingIn("New", "PT30H", "PT1H", "Normal"));
        String budget = sim.control().appointments(KARI).stream().filter(a -> "Budget".equals(a.get("subject")))
                .map(a -> String.valueOf(a.get("itemId"))).findFirst().orElseThrow();
        sim.control().deleteAppointment(KARI, budget);
        List<RawItem> afterChanges = reader.read(connection, KARI, window(), false);

        Normaliser normaliser = new Normaliser(false, ZoneId.of("Europe/Oslo"));
        assertThat(normaliser.normalise(afterChanges, window()))
                .isEqualTo(normaliser.normalise(readEws(KARI, false), window()));
        assertThat(afterChanges).extracting(RawItem::itemId).contains(added.itemId()).doesNotContain(budget);
        // A new round would page 9 items 4 at a time (3 requests); the delta carries only the changes.
        var deltaCalls = sim.control().requests(APP, KARI, "Graph.CalendarViewDelta");
        assertThat(deltaCalls).isNotEmpty().hasSizeLessThan(3);
    }

    @Test
    void shortRetryAfterIsSleptThroughAndALongOneBecomesTheBackOff() throws Exception {
        sim.control().addFault(Map.of("account", APP, "kind", "GRAPH_429", "backOffMs", 2000, "count", 2));
        GraphCalendarReader reader = new GraphCalendarReader(client(), DeltaStore.inMemory(), 10);
        reader.read(graphConnection(SECRET), KARI, window(), false);
        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));

        sim.control().addFault(Map.of("account", APP, "kind", "GRAPH_429", "backOffMs", 45_000, "count", 1));
        GraphException throttled = catchGraph(() -> new GraphCalendarReader(client(), DeltaStore.inMemory(), 10)
                .read(graphConnection(SECRET), KARI, window(), false));
        Failure failure = GraphFailures.mailbox(throttled, APP, KARI, true);
        assertThat(failure.kind()).isEqualTo(FailureKind.SERVER_BUSY);
        assertThat(failure.serverBackOff()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void neverMoreThanFourRequestsInFlightPerMailbox() throws Exception {
        seedCalendar();
        sim.control().addFault(Map.of("mailbox", KARI, "kind", "LATENCY", "latencyMs", 300));
        GraphClient shared = client();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<List<RawItem>>> reads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                reads.add(() -> new GraphCalendarReader(shared, DeltaStore.inMemory(), 5)
                        .read(graphConnection(SECRET), KARI, window(), false));
            }
            for (Future<List<RawItem>> read : pool.invokeAll(reads)) {
                assertThat(read.get()).hasSize(9);
            }
        } finally {
            pool.shutdownNow();
            sim.control().clearFaults();
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> perMailbox = (Map<String, Map<String, Object>>) sim.graph().stats().get("mailboxes");
        Map<String, Object> kari = perMailbox.get(APP + "|" + KARI);
        assertThat(((Number) kari.get("maxConcurrentObserved")).intValue()).isEqualTo(4);
        assertThat(((Number) kari.get("mailboxConcurrencyRejected")).intValue()).isZero();
    }

    @Test
    void aCertificateCredentialSignsInAndAnUnregisteredCertificateIsRefusedWithTheFix() throws Exception {
        var registered = com.calroute.ewssim.tls.SelfSignedCertificate.generate("calroute-graph-app");
        sim.graph().putApp(new GraphApp(APP, ENTRA, null, List.of("Calendars.Read"), List.of(KARI), 3599,
                registered.pem()));
        sim.control().createAppointment(KARI, Simulators.startingIn("Budget", "PT2H", "PT1H", "Normal"));
        String base = "http://" + hostPort;
        ExchangeConnection withCertificate = new ExchangeConnection("acme", ConnectionKind.GRAPH, 1, null, null, null,
                null, null, ENTRA, APP, null, registered.privateKeyPem() + registered.pem(), base, base, null);
        assertThat(new GraphCalendarReader(client(), DeltaStore.inMemory(), 10)
                .read(withCertificate, KARI, window(), false)).hasSize(1);

        var unregistered = com.calroute.ewssim.tls.SelfSignedCertificate.generate("someone-else");
        ExchangeConnection withOther = new ExchangeConnection("acme", ConnectionKind.GRAPH, 1, null, null, null,
                null, null, ENTRA, APP, null, unregistered.pem() + unregistered.privateKeyPem(), base, base, null);
        GraphException refused = catchGraph(() -> new GraphCalendarReader(client(), DeltaStore.inMemory(), 10)
                .read(withOther, KARI, window(), false));
        Failure failure = GraphFailures.token(refused, ENTRA, APP);
        assertThat(failure.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(failure.message()).contains("AADSTS700027").contains("Certificates & secrets → Certificates");
        assertThat(new GraphConnectionTester(client()).test(withOther, KARI).step()).isEqualTo(ConnectionTestStep.TOKEN);
    }

    @Test
    void aWrongSecretIsAnAuthFailureNamingTheFix() {
        GraphException refused = catchGraph(() -> new GraphCalendarReader(client(), DeltaStore.inMemory(), 10)
                .read(graphConnection("Wr0ng-Secret-Value"), KARI, window(), false));
        Failure failure = GraphFailures.token(refused, ENTRA, APP);
        assertThat(failure.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(failure.message()).contains("AADSTS7000215").contains("Certificates & secrets")
                .doesNotContain("Wr0ng-Secret-Value");
    }

    @Test
    void testConnectionFailsAtEachStepInPlainWords() {
        GraphConnectionTester tester = new GraphConnectionTester(client());

        ConnectionTestResult badSecret = tester.test(graphConnection("wrong"), KARI);
        assertThat(badSecret.ok()).isFalse();
        assertThat(badSecret.step()).isEqualTo(ConnectionTestStep.TOKEN);
        assertThat(badSecret.message()).contains("AADSTS7000215");
        assertThat(badSecret.code()).isEqualTo("unauthorized");

        ExchangeConnection unknownApp = new ExchangeConnection("acme", ConnectionKind.GRAPH, 1, null, null, null, null,
                null, ENTRA, "11111111-2222-3333-4444-555555555555", SECRET, null, "http://" + hostPort,
                "http://" + hostPort, null);
        assertThat(tester.test(unknownApp, KARI).message()).contains("AADSTS700016");

        // Scoped as Microsoft recommends: no tenant-wide permission, an RBAC for Applications assignment for Kari.
        app(List.of(), List.of(KARI));
        ConnectionTestResult unproven = tester.test(graphConnection(SECRET), null);
        assertThat(unproven.step()).isEqualTo(ConnectionTestStep.PERMISSION);
        assertThat(unproven.code()).isEqualTo("permission-missing");
        assertThat(unproven.message()).contains("Calendars.Read").contains("give a mailbox")
                .contains("New-ManagementRoleAssignment -App " + APP);
        ConnectionTestResult throughRbac = tester.test(graphConnection(SECRET), KARI);
        assertThat(throughRbac.ok()).isTrue();
        assertThat(throughRbac.message()).contains("through RBAC for Applications");
        assertThat(throughRbac.params()).containsEntry("grant", "rbac").containsEntry("mailbox", KARI);
        ConnectionTestResult outOfScope = tester.test(graphConnection(SECRET), OLA);
        assertThat(outOfScope.step()).isEqualTo(ConnectionTestStep.MAILBOX);
        assertThat(outOfScope.message()).contains("read the calendar of " + OLA).contains("New-ManagementRoleAssignment -App "
                + APP + " -Role \"Application Calendars.Read\" -CustomResourceScope");

        // The tenant-wide permission reads every mailbox; the test says so, since it is broader than needed.
        app(List.of("Calendars.Read"), List.of(KARI));
        ConnectionTestResult tenantWide = tester.test(graphConnection(SECRET), OLA);
        assertThat(tenantWide.ok()).isTrue();
        assertThat(tenantWide.message()).contains("every mailbox");
        assertThat(tenantWide.params()).containsEntry("grant", "tenant-wide");

        ConnectionTestResult unknownMailbox = tester.test(graphConnection(SECRET), "nobody@acme.example");
        assertThat(unknownMailbox.step()).isEqualTo(ConnectionTestStep.MAILBOX);
        assertThat(unknownMailbox.message()).contains("no mailbox for nobody@acme.example");
        assertThat(unknownMailbox.code()).isEqualTo("mailbox-not-found");

        ConnectionTestResult ok = tester.test(graphConnection(SECRET), KARI);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.step()).isEqualTo(ConnectionTestStep.OK);
        assertThat(ok.code()).isEqualTo("ok");
    }

    @Test
    void testConnectionNamesTheStepWhenTheSignInEndpointOrGraphCannotBeReached() throws Exception {
        int closed = FreePorts.any();
        String https = Simulators.hostPort(sim.httpsEwsUrl());
        String refused = "127.0.0.1:" + closed;
        GraphConnectionTester tester = new GraphConnectionTester(new GraphClient(new EndpointResolver(
                Set.of(hostPort, https, refused), Set.of(hostPort, refused)), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Clock.systemUTC(), slept::add));
        ConnectionTestResult dns = tester.test(at("https://no-such-host.invalid", "https://no-such-host.invalid"), KARI);
        assertThat(dns.step()).isEqualTo(ConnectionTestStep.DNS);
        assertThat(dns.message()).contains("no-such-host.invalid");
        assertThat(dns.code()).isEqualTo("dns-not-found");
        ConnectionTestResult connect = tester.test(at("http://" + refused, "http://" + refused), KARI);
        assertThat(connect.step()).isEqualTo(ConnectionTestStep.CONNECT);
        assertThat(connect.code()).isEqualTo("connection-refused");
        ConnectionTestResult tls = tester.test(at("https://" + https, "https://" + https), KARI);
        assertThat(tls.step()).isEqualTo(ConnectionTestStep.TLS);
        assertThat(tls.message()).contains("certificate");
        ConnectionTestResult plain = tester.test(at("http://" + hostPort, "http://graph.example:80"), KARI);
        assertThat(plain.ok()).isFalse();
        // Signed in over the allowed endpoint; Graph itself is refused before any request: plain http.
        assertThat(plain.step()).isEqualTo(ConnectionTestStep.TLS);
        assertThat(plain.code()).isEqualTo("plain-http");
        for (ConnectionTestResult result : List.of(dns, connect, tls, plain)) {
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).doesNotContain(SECRET);
            assertThat(result.params().values()).doesNotContain(SECRET);
        }
    }

    private static ExchangeConnection at(String loginBase, String graphBase) {
        return new ExchangeConnection("acme", ConnectionKind.GRAPH, 1, null, null, null, null, null, ENTRA, APP, SECRET,
                null, graphBase, loginBase, null);
    }

    @Test
    void aGraphHostOnAPrivateAddressIsRefusedWithoutAnAllowance() {
        GraphClient strict = new GraphClient(new EndpointResolver(Set.of(), Set.of()), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Clock.systemUTC(), slept::add);
        GraphException refused = catchGraph(() -> new GraphCalendarReader(strict, DeltaStore.inMemory(), 10)
                .read(graphConnection(SECRET), KARI, window(), false));
        assertThat(GraphFailures.token(refused, ENTRA, APP).kind()).isIn(FailureKind.PLAIN_HTTP, FailureKind.BLOCKED_ADDRESS);
        assertThat(sim.control().requests(APP, null, null)).isEmpty();
    }

    private interface GraphCall {
        void run() throws Exception;
    }

    private static GraphException catchGraph(GraphCall call) {
        try {
            call.run();
        } catch (GraphException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a GraphException", e);
        }
        throw new AssertionError("expected the call to fail");
    }
}
