package com.calroute.ewssim;

import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.Specs;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.DefaultExtendedPropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.MapiPropertyType;
import microsoft.exchange.webservices.data.core.enumeration.property.LegacyFreeBusyStatus;
import microsoft.exchange.webservices.data.core.enumeration.property.Sensitivity;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.enumeration.service.ServiceResult;
import microsoft.exchange.webservices.data.core.enumeration.service.calendar.AppointmentType;
import microsoft.exchange.webservices.data.core.response.GetItemResponse;
import microsoft.exchange.webservices.data.core.response.ServiceResponseCollection;
import microsoft.exchange.webservices.data.core.service.folder.CalendarFolder;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.core.service.schema.AppointmentSchema;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.property.definition.ExtendedPropertyDefinition;
import microsoft.exchange.webservices.data.search.CalendarView;
import microsoft.exchange.webservices.data.search.FindItemsResults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real ews-java-api client reads calendars from the simulator: views with recurrence, GetItem, GetFolder. */
class EwsJavaApiCalendarTest {
    private static EwsSimulator simulator;
    private static ExchangeService kari;
    private static Specs.ItemRef standUp;
    private static Specs.ItemRef review;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        // Mondays and Wednesdays 09:00 Oslo time, 8 occurrences, across the end of DST (2026-10-25).
        standUp = simulator.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.weekly("Stand-up",
                "2026-10-19T09:00:00+02:00", "2026-10-19T09:15:00+02:00", List.of("MONDAY", "WEDNESDAY"), 8));
        simulator.control().modifyOccurrence(SimulatorFixture.KARI, standUp.itemId(), Instant.parse("2026-10-21T07:00:00Z"),
                new AppointmentSpec.OccurrenceSpec(null, null, null, "Stand-up (moved)", null, "2026-10-21T13:00:00Z",
                        "2026-10-21T13:15:00Z", null, null, "Tentative", null, null, null));
        simulator.control().deleteOccurrence(SimulatorFixture.KARI, standUp.itemId(), Instant.parse("2026-10-26T08:00:00Z"));
        review = simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Salary review", "HR",
                "private notes", "2026-10-22T10:00:00Z", "2026-10-22T11:00:00Z", null, null, null, null, null, null,
                null, null, "OOF", "Private", null, null, null, null));
        kari = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD,
                "ACME", SimulatorFixture.KARI);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static FolderId calendar() {
        return new FolderId(WellKnownFolderName.Calendar, new Mailbox(SimulatorFixture.KARI));
    }

    @Test
    void findAppointmentsExpandsTheSeriesInUtcAndNeverReturnsTheMaster() throws Exception {
        FindItemsResults<Appointment> results = kari.findAppointments(calendar(),
                new CalendarView(Date.from(Instant.parse("2026-10-19T00:00:00Z")), Date.from(Instant.parse("2026-11-02T00:00:00Z"))));

        assertThat(results.isMoreAvailable()).isFalse();
        assertThat(results.getItems()).extracting(a -> a.getAppointmentType())
                .doesNotContain(AppointmentType.RecurringMaster);
        assertThat(results.getItems()).extracting(a -> a.getStart().toInstant()).containsExactly(
                Instant.parse("2026-10-19T07:00:00Z"),
                Instant.parse("2026-10-21T13:00:00Z"),
                Instant.parse("2026-10-22T10:00:00Z"),
                Instant.parse("2026-10-28T08:00:00Z"));
        Appointment moved = results.getItems().get(1);
        assertThat(moved.getAppointmentType()).isEqualTo(AppointmentType.Exception);
        assertThat(moved.getSubject()).isEqualTo("Stand-up (moved)");
        assertThat(moved.getLegacyFreeBusyStatus()).isEqualTo(LegacyFreeBusyStatus.Tentative);
        assertThat(results.getItems().get(0).getAppointmentType()).isEqualTo(AppointmentType.Occurrence);
        assertThat(results.getItems().get(0).getId().getUniqueId()).isNotEqualTo(standUp.itemId());
        Appointment private1 = results.getItems().get(2);
        assertThat(private1.getAppointmentType()).isEqualTo(AppointmentType.Single);
        assertThat(private1.getSensitivity()).isEqualTo(Sensitivity.Private);
        assertThat(private1.getLegacyFreeBusyStatus()).isEqualTo(LegacyFreeBusyStatus.OOF);
    }

    @Test
    void workingElsewhereReachesEwsJavaApiAsBusyAndAsPidLidBusyStatus() throws Exception {
        simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Customer site", null, null,
                "2026-11-10T08:00:00Z", "2026-11-10T15:00:00Z", null, null, null, null, null, null, null, null,
                "WorkingElsewhere", "Normal", null, null, null, null));
        ExtendedPropertyDefinition busyStatus = new ExtendedPropertyDefinition(DefaultExtendedPropertySet.Appointment,
                0x8205, MapiPropertyType.Integer);
        CalendarView view = new CalendarView(Date.from(Instant.parse("2026-11-10T00:00:00Z")),
                Date.from(Instant.parse("2026-11-11T00:00:00Z")));
        view.setPropertySet(new PropertySet(BasePropertySet.IdOnly, AppointmentSchema.LegacyFreeBusyStatus, busyStatus));

        Appointment visit = kari.findAppointments(calendar(), view).getItems().get(0);

        // ews-java-api declares Exchange2010_SP2, a schema without WorkingElsewhere; the store's value tells.
        assertThat(visit.getLegacyFreeBusyStatus()).isEqualTo(LegacyFreeBusyStatus.Busy);
        // (tryGetProperty casts extended definitions to PropertyDefinition and fails: read the collection.)
        assertThat(visit.getExtendedProperties().getItems()).singleElement().satisfies(property -> {
            assertThat(property.getPropertyDefinition()).isEqualTo(busyStatus);
            assertThat(property.getValue()).isEqualTo(4);
        });
    }

    @Test
    void maxEntriesReturnedTruncatesAndSaysMoreIsAvailable() throws Exception {
        FindItemsResults<Appointment> results = kari.findAppointments(calendar(),
                new CalendarView(Date.from(Instant.parse("2026-10-19T00:00:00Z")), Date.from(Instant.parse("2026-11-02T00:00:00Z")), 2));

        assertThat(results.getItems()).hasSize(2);
        assertThat(results.isMoreAvailable()).isTrue();
    }

    @Test
    void getItemBatchReturnsEachItemOrItsOwnError() throws Exception {
        FindItemsResults<Appointment> view = kari.findAppointments(calendar(),
                new CalendarView(Date.from(Instant.parse("2026-10-19T00:00:00Z")), Date.from(Instant.parse("2026-10-20T00:00:00Z"))));
        ItemId occurrence = view.getItems().get(0).getId();
        String missing = simulator.control().createAppointment(SimulatorFixture.KARI,
                SimulatorFixture.single("gone", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z")).itemId();
        simulator.control().deleteAppointment(SimulatorFixture.KARI, missing);

        ServiceResponseCollection<GetItemResponse> responses = kari.bindToItems(
                List.of(new ItemId(review.itemId()), occurrence, new ItemId(standUp.itemId()), new ItemId(missing)),
                new PropertySet(BasePropertySet.FirstClassProperties));

        assertThat(responses.getCount()).isEqualTo(4);
        Appointment single = (Appointment) responses.getResponseAtIndex(0).getItem();
        assertThat(single.getSubject()).isEqualTo("Salary review");
        assertThat(single.getStart().toInstant()).isEqualTo(Instant.parse("2026-10-22T10:00:00Z"));
        Appointment occurrenceItem = (Appointment) responses.getResponseAtIndex(1).getItem();
        assertThat(occurrenceItem.getAppointmentType()).isEqualTo(AppointmentType.Occurrence);
        Appointment master = (Appointment) responses.getResponseAtIndex(2).getItem();
        assertThat(master.getAppointmentType()).isEqualTo(AppointmentType.RecurringMaster);
        assertThat(master.getRecurrence()).isNotNull();
        assertThat(master.getModifiedOccurrences().getCount()).isEqualTo(1);
        assertThat(master.getDeletedOccurrences().getCount()).isEqualTo(1);
        assertThat(responses.getResponseAtIndex(3).getResult()).isEqualTo(ServiceResult.Error);
        assertThat(responses.getResponseAtIndex(3).getErrorCode()).isEqualTo(ServiceError.ErrorItemNotFound);
    }

    @Test
    void appointmentBindReadsTimeZoneAndAllDayFlags() throws Exception {
        Specs.ItemRef allDay = simulator.control().createAppointment(SimulatorFixture.OLA, new AppointmentSpec("Vacation",
                null, null, "2026-12-01", null, null, null, null, null, null, 2, null, true, "OOF", null, null, null, null, null));
        ExchangeService ola = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "ACME", SimulatorFixture.OLA);

        Appointment item = Appointment.bind(ola, new ItemId(allDay.itemId()),
                new PropertySet(BasePropertySet.FirstClassProperties, AppointmentSchema.StartTimeZone));

        assertThat(item.getIsAllDayEvent()).isTrue();
        assertThat(item.getStart().toInstant()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(item.getEnd().toInstant()).isEqualTo(Instant.parse("2026-12-02T23:00:00Z"));
        assertThat(item.getStartTimeZone().getId()).isEqualTo("W. Europe Standard Time");
    }

    @Test
    void calendarFolderBinds() throws Exception {
        CalendarFolder folder = CalendarFolder.bind(kari, calendar());

        assertThat(folder.getDisplayName()).isEqualTo("Calendar");
        assertThat(folder.getTotalCount()).isEqualTo(simulator.control().appointments(SimulatorFixture.KARI).size());
    }

    @Test
    void requestsRecordImpersonationAndAnchor() throws Exception {
        kari.findAppointments(calendar(), new CalendarView(Date.from(Instant.parse("2026-10-19T00:00:00Z")),
                Date.from(Instant.parse("2026-10-20T00:00:00Z"))));

        assertThat(simulator.control().requests(SimulatorFixture.ACCOUNT, SimulatorFixture.KARI, "FindItem"))
                .isNotEmpty()
                .allSatisfy(entry -> {
                    assertThat(entry.anchorMatches()).isTrue();
                    assertThat(entry.responseCode()).isEqualTo("NoError");
                    assertThat(entry.httpStatus()).isEqualTo(200);
                });
        assertThat(simulator.control().stats()).containsKey("svc-calroute");
        assertThat((Map<String, Object>) simulator.control().stats().get("svc-calroute")).containsKeys("maxConcurrentObserved",
                "inFlight", "requests", "serverBusy");
    }
}
