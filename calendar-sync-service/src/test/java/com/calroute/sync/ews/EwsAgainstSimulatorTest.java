package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.RequestLog;
import com.calroute.sync.plan.Busy;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.NormalItem;
import com.calroute.sync.plan.Normaliser;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.testsupport.Simulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.calroute.sync.testsupport.Simulators.ACCOUNT;
import static com.calroute.sync.testsupport.Simulators.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ews package against the real simulator over HTTP(S): CalendarView reading with paging past truncation,
 * impersonation with X-AnchorMailbox, privacy of what is asked for, and the hardening (TLS trust, SSRF rules,
 * DTD refusal) with the failures mapped to plain words.
 */
class EwsAgainstSimulatorTest {

    private static final String KARI = "kari@acme.example";
    private static EwsSimulator sim;
    private static String httpHostPort;
    private static String httpsHostPort;

    @BeforeAll
    static void startSimulator() {
        sim = Simulators.start("Exchange2013_SP1");
        httpHostPort = Simulators.hostPort(sim.httpEwsUrl());
        httpsHostPort = Simulators.hostPort(sim.httpsEwsUrl());
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
    }

    private static EwsClientFactory factory(Set<String> allowedPrivate, Set<String> plainHttp) {
        return new EwsClientFactory(new EndpointResolver(allowedPrivate, plainHttp), Duration.ofSeconds(3),
                Duration.ofSeconds(10));
    }

    private static EwsClientFactory httpFactory() {
        return factory(Set.of(httpHostPort), Set.of(httpHostPort));
    }

    private static SyncWindow window() {
        return SyncWindow.around(Instant.now(), Duration.ofDays(1), Duration.ofDays(14));
    }

    private static List<RawItem> read(EwsClientFactory factory, ExchangeConnection connection, String mailbox,
                                      int pageSize, boolean withSubjects) throws Exception {
        try (HardenedExchangeService service = factory.create(connection)) {
            EwsClientFactory.impersonate(service, mailbox, mailbox);
            return new CalendarReader(pageSize).read(service, EwsCalls.DIRECT, window(), withSubjects);
        }
    }

    private static Failure failureOf(EwsClientFactory factory, ExchangeConnection connection, String mailbox) {
        try {
            read(factory, connection, mailbox, 100, false);
        } catch (EwsSetupException e) {
            return e.failure();
        } catch (Exception e) {
            return EwsFailures.classify(e, "sim", connection.username(), mailbox);
        }
        throw new AssertionError("expected the read to fail");
    }

    @Test
    void readsSinglesAndExpandedSeriesWithExceptionsAndCancellations() throws Exception {
        sim.control().createAppointment(KARI, Simulators.startingIn("Budget", "PT2H", "PT1H", "Normal"));
        var series = sim.control().createAppointment(KARI, Simulators.daily("Stand-up", "PT26H", "PT15M", 5));
        List<Map<String, Object>> view = sim.control().calendarView(KARI, window().start(), window().end());
        assertThat(view).hasSize(6);
        List<Instant> occurrences = view.stream().filter(item -> !"Budget".equals(item.get("subject")))
                .map(item -> Instant.parse(String.valueOf(item.get("start")))).sorted().toList();
        sim.control().deleteOccurrence(KARI, series.itemId(), occurrences.get(1));
        AppointmentSpec.OccurrenceSpec cancel = new AppointmentSpec.OccurrenceSpec(null, null, null, null, null, null,
                null, null, null, "Tentative", null, true);
        sim.control().modifyOccurrence(KARI, series.itemId(), occurrences.get(2), cancel);

        List<RawItem> raw = read(httpFactory(), Simulators.httpConnection("acme", sim, 1), KARI, 1000, false);
        List<NormalItem> items = new Normaliser(false, ZoneId.of("Europe/Oslo")).normalise(raw, window());

        assertThat(items).hasSize(5);
        assertThat(items).allSatisfy(item -> {
            assertThat(item.subject()).isNull();
            assertThat(item.changeKey()).isNotBlank();
        });
        assertThat(items).filteredOn(NormalItem::cancelled).singleElement()
                .satisfies(item -> assertThat(item.busy()).isEqualTo(Busy.TENTATIVE));
        assertThat(raw).allSatisfy(item -> assertThat(item.subject()).isNull());
    }

    /** GetUserAvailability over the library's transport, as the impersonated mailbox, with the working hours' zone. */
    @Test
    void workingHoursAreReadWithTheirZoneAsTheMailbox() throws Exception {
        sim.control().putWorkingHours(KARI, new com.calroute.ewssim.control.Specs.WorkingHoursSpec("Europe/Oslo",
                List.of(new com.calroute.ewssim.control.Specs.WorkingPeriodSpec(List.of("MONDAY", "FRIDAY"), 450, 930))));
        try (HardenedExchangeService service = httpFactory().create(Simulators.httpConnection("acme", sim, 1))) {
            EwsClientFactory.impersonate(service, KARI, KARI);
            com.calroute.sync.plan.WorkingHours hours = new WorkingHoursRequest(service, KARI, Instant.now()).send();
            assertThat(hours).isNotNull();
            assertThat(hours.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
            assertThat(hours.periods()).containsExactly(new com.calroute.sync.plan.WorkingHours.Period(
                    Set.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY), 450, 930));
        }
        assertThat(sim.control().requests(null, KARI, "GetUserAvailabilityRequest")).singleElement()
                .satisfies(request -> assertThat(request.responseCode()).isEqualTo("NoError"));
    }

    @Test
    void allDayItemsCarryLocalDatesAndTheZoneExchangeReveals() throws Exception {
        sim.control().createAppointment(KARI, new AppointmentSpec("Ferie", null, null, null, null, "P2D", null, null,
                null, null, 2, "Europe/Oslo", true, "OOF", "Normal", null, null, null, null));

        List<RawItem> raw = read(httpFactory(), Simulators.httpConnection("acme", sim, 1), KARI, 1000, false);
        NormalItem item = new Normaliser(false, ZoneId.of("UTC")).normalise(raw, window()).get(0);

        ZoneId oslo = ZoneId.of("Europe/Oslo");
        assertThat(item.allDay()).isTrue();
        assertThat(item.timeZone()).as("the item's own zone (Windows id mapped to IANA)").isNotNull();
        assertThat(ZoneId.of(item.timeZone()).getRules().getOffset(item.start()))
                .isEqualTo(oslo.getRules().getOffset(item.start()));
        assertThat(item.startDate()).isEqualTo(java.time.LocalDate.ofInstant(item.start(), oslo));
        assertThat(item.endDate()).isEqualTo(item.startDate().plusDays(2));
        assertThat(item.busy()).isEqualTo(Busy.OOF);
    }

    @Test
    void pagesPastCalendarViewTruncation() throws Exception {
        sim.control().createAppointment(KARI, Simulators.daily("Daily", "PT3H", "PT30M", 12));
        sim.control().clearRequests();

        List<RawItem> raw = read(httpFactory(), Simulators.httpConnection("acme", sim, 1), KARI, 5, false);

        assertThat(raw).hasSize(12);
        assertThat(raw.stream().map(RawItem::itemId).distinct()).hasSize(12);
        List<RequestLog.Entry> finds = sim.control().requests(null, KARI, "FindItem");
        assertThat(finds.size()).isGreaterThanOrEqualTo(3);
        assertThat(finds).allSatisfy(entry -> {
            assertThat(entry.anchorMailbox()).isEqualToIgnoringCase(KARI);
            assertThat(entry.anchorMatches()).isTrue();
        });
    }

    /**
     * CalendarView returns an item that ends exactly at StartDate (Microsoft's CalendarView reference: only items
     * ending before StartDate are left out). Such an item is over when the window starts, so it is not published;
     * and back-to-back meetings, whose ends touch the next page's start, still page through with each read once.
     */
    @Test
    void itemsTouchingAPageOrTheWindowStartAreReadOnceAndOnlyThoseInsideArePublished() throws Exception {
        SyncWindow window = window();
        sim.control().createAppointment(KARI, new AppointmentSpec("Ended at the window start", null, null,
                window.start().minus(Duration.ofHours(1)).toString(), window.start().toString(), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null));
        Instant first = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (int i = 0; i < 6; i++) {
            sim.control().createAppointment(KARI, new AppointmentSpec("Back-to-back " + i, null, null,
                    first.plus(Duration.ofMinutes(30L * i)).toString(), first.plus(Duration.ofMinutes(30L * (i + 1))).toString(),
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        }

        List<RawItem> raw = read(httpFactory(), Simulators.httpConnection("acme", sim, 1), KARI, 2, false);
        List<NormalItem> items = new Normaliser(false, ZoneId.of("Europe/Oslo")).normalise(raw, window);

        assertThat(raw).hasSize(7);
        assertThat(raw.stream().map(RawItem::itemId).distinct()).hasSize(7);
        assertThat(raw).anySatisfy(item -> assertThat(item.end()).isEqualTo(window.start()));
        assertThat(items).hasSize(6).allSatisfy(item -> assertThat(item.start()).isAfterOrEqualTo(first));
    }

    /**
     * Exchange 2010 SP1 and later write StartTimeZone with the whole definition (Periods, TransitionsGroups,
     * Transitions; Microsoft's StartTimeZone element reference), with biases like {@code -P0DT5H30M0.0S}. All-day
     * items in zones east, west and on UTC, a half-hour zone among them, are read through our hardened client and
     * keep their own date, which only the item's zone gives.
     */
    @Test
    void itemsCarryingFullTimeZoneDefinitionsAreReadInTheirOwnZone() throws Exception {
        Map<String, String> zones = Map.of("Europe/Oslo", "W. Europe Standard Time", "America/New_York",
                "Eastern Standard Time", "Asia/Kolkata", "India Standard Time", "UTC", "UTC");
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2);
        String probe = null;
        for (String zone : zones.keySet()) {
            probe = sim.control().createAppointment(KARI, new AppointmentSpec("In " + zone, null, null, day.toString(),
                    null, null, null, null, null, null, 1, zone, true, "OOF", null, null, null, null, null)).itemId();
        }

        ExchangeConnection connection = Simulators.httpConnection("acme", sim, 1);
        List<RawItem> raw = read(httpFactory(), connection, KARI, 1000, false);
        List<NormalItem> items = new Normaliser(false, ZoneId.of("UTC")).normalise(raw, window());

        assertThat(raw).extracting(RawItem::timeZone).containsExactlyInAnyOrderElementsOf(zones.values());
        assertThat(items).hasSize(4).allSatisfy(item -> {
            assertThat(item.startDate()).isEqualTo(day);
            assertThat(item.endDate()).isEqualTo(day.plusDays(1));
        });
        try (HardenedExchangeService service = httpFactory().create(connection)) {
            EwsClientFactory.impersonate(service, KARI, KARI);
            var definition = microsoft.exchange.webservices.data.core.service.item.Appointment.bind(service,
                    new microsoft.exchange.webservices.data.property.complex.ItemId(probe),
                    new microsoft.exchange.webservices.data.core.PropertySet(
                            microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet.IdOnly,
                            microsoft.exchange.webservices.data.core.service.schema.AppointmentSchema.StartTimeZone))
                    .getStartTimeZone();
            assertThat(definition.getPeriods()).as("the answer carried the full definition").isNotEmpty();
        }
    }

    @Test
    void privateSubjectsAreNeverPublishedEvenWhenRequested() throws Exception {
        sim.control().createAppointment(KARI, Simulators.startingIn("CANARY-7f3a private", "PT2H", "PT1H", "Private"));
        sim.control().createAppointment(KARI, Simulators.startingIn("Shared plan", "PT4H", "PT1H", "Normal"));

        List<RawItem> raw = read(httpFactory(), Simulators.httpConnection("acme", sim, 1), KARI, 1000, true);
        List<NormalItem> items = new Normaliser(true, ZoneId.of("Europe/Oslo")).normalise(raw, window());

        assertThat(items).extracting(NormalItem::subject).containsExactly(null, "Shared plan");
        assertThat(items.toString()).doesNotContain("CANARY");
    }

    @Test
    void tlsIsVerifiedAgainstTheJvmTrustStoreAndTheTenantCa() throws Exception {
        EwsClientFactory factory = factory(Set.of(httpsHostPort), Set.of());
        ExchangeConnection untrusted = Simulators.connection("acme", sim.httpsEwsUrl(), ACCOUNT, PASSWORD, 1, null);
        assertThat(failureOf(factory, untrusted, KARI).kind()).isEqualTo(FailureKind.TLS);

        ExchangeConnection trusted = Simulators.connection("acme", sim.httpsEwsUrl(), ACCOUNT, PASSWORD, 1,
                sim.certificatePem());
        sim.control().createAppointment(KARI, Simulators.startingIn("Over TLS", "PT2H", "PT1H", "Normal"));
        assertThat(read(factory, trusted, KARI, 100, false)).hasSize(1);
    }

    @Test
    void privateAddressesAndPlainHttpNeedExactAllowances() {
        ExchangeConnection https = Simulators.connection("acme", sim.httpsEwsUrl(), ACCOUNT, PASSWORD, 1,
                sim.certificatePem());
        Failure blocked = failureOf(factory(Set.of(), Set.of()), https, KARI);
        assertThat(blocked.kind()).isEqualTo(FailureKind.BLOCKED_ADDRESS);
        assertThat(blocked.message()).contains("127.0.0.1");

        ExchangeConnection http = Simulators.httpConnection("acme", sim, 1);
        assertThat(failureOf(factory(Set.of(httpHostPort), Set.of()), http, KARI).kind())
                .isEqualTo(FailureKind.PLAIN_HTTP);
        String otherPort = "127.0.0.1:" + (Integer.parseInt(httpHostPort.split(":")[1]) + 1);
        assertThat(failureOf(factory(Set.of(otherPort), Set.of(httpHostPort)), http, KARI).kind())
                .isEqualTo(FailureKind.BLOCKED_ADDRESS);
    }

    @Test
    void responsesWithADoctypeAreRefusedBeforeParsing() {
        sim.control().addFault(Map.of("mailbox", KARI, "kind", "XXE", "count", 1));
        Failure failure = failureOf(httpFactory(), Simulators.httpConnection("acme", sim, 1), KARI);
        assertThat(failure.kind()).isEqualTo(FailureKind.UNSAFE_RESPONSE);
    }

    @Test
    void serverBusyCarriesExchangesBackOff() {
        sim.control().addFault(Map.of("account", ACCOUNT, "kind", "SERVER_BUSY", "backOffMs", 1234, "count", 1));
        Failure failure = failureOf(httpFactory(), Simulators.httpConnection("acme", sim, 1), KARI);
        assertThat(failure.kind()).isEqualTo(FailureKind.SERVER_BUSY);
        assertThat(failure.serverBackOff()).isEqualTo(Duration.ofMillis(1234));
    }

    @Test
    void credentialsImpersonationAndMailboxFailuresSayWhatToFix() {
        ExchangeConnection wrongPassword = Simulators.connection("acme", sim.httpEwsUrl(), ACCOUNT, "wrong", 1, null);
        Failure auth = failureOf(httpFactory(), wrongPassword, KARI);
        assertThat(auth.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(auth.message()).contains(ACCOUNT).doesNotContain("wrong");

        Simulators.account(sim, "svc-noimp", PASSWORD, false);
        ExchangeConnection noImpersonation = Simulators.connection("acme", sim.httpEwsUrl(), "svc-noimp", PASSWORD, 1,
                null);
        Failure impersonation = failureOf(httpFactory(), noImpersonation, KARI);
        assertThat(impersonation.kind()).isEqualTo(FailureKind.IMPERSONATION);
        assertThat(impersonation.message()).contains("may not impersonate " + KARI)
                .contains("ApplicationImpersonation");

        Failure mailbox = failureOf(httpFactory(), Simulators.httpConnection("acme", sim, 1), "nobody@acme.example");
        assertThat(mailbox.kind()).isEqualTo(FailureKind.MAILBOX);
    }

    @Test
    void theLibrarysPermissiveClientCannotBeUsed() throws Exception {
        try (HardenedExchangeService service = httpFactory().create(Simulators.httpConnection("acme", sim, 1))) {
            assertThat(service.createConnectionSocketFactoryRegistry().lookup("https")).isNull();
            assertThat(service.createConnectionSocketFactoryRegistry().lookup("http")).isNull();
        }
        assertThatThrownBy(() -> new EndpointResolver(Set.of(), Set.of()).parse("ftp://mail.example/ews"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
