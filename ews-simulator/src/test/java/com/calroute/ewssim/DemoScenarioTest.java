package com.calroute.ewssim;

import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.enumeration.service.calendar.AppointmentType;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.search.CalendarView;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped demo scenario seeds twenty realistic weeks that ews-java-api can read. */
class DemoScenarioTest {
    @Test
    void theDemoCompanyHasTwentyLivelyCalendarsThisWeek() throws Exception {
        try (InputStream scenario = getClass().getResourceAsStream("/demo-scenario.yaml");
             EwsSimulator simulator = EwsSimulator.builder().httpPort(0).scenario(scenario).start()) {
            assertThat(simulator.control().mailboxes()).hasSize(20);
            ZoneId oslo = ZoneId.of("Europe/Oslo");
            LocalDate monday = LocalDate.now(oslo).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Date from = Date.from(monday.atStartOfDay(oslo).toInstant());
            Date to = Date.from(monday.plusDays(7).atStartOfDay(oslo).toInstant());
            ExchangeService kari = EwsClients.impersonating(simulator.httpEwsUrl(), "svc-calroute", "demo-password", null,
                    "kari.nordmann@acme.example");

            List<Appointment> week = kari.findAppointments(new FolderId(WellKnownFolderName.Calendar,
                    new Mailbox("kari.nordmann@acme.example")), new CalendarView(from, to)).getItems();

            List<AppointmentType> types = new java.util.ArrayList<>();
            List<String> subjects = new java.util.ArrayList<>();
            for (Appointment appointment : week) {
                types.add(appointment.getAppointmentType());
                subjects.add(appointment.getSubject());
            }
            assertThat(types).contains(AppointmentType.Occurrence, AppointmentType.Exception, AppointmentType.Single);
            assertThat(subjects).contains("Sales stand-up (moved)", "Vacation", "Dentist");
            assertThat(subjects.stream().filter(s -> s.startsWith("Sales stand-up"))).hasSize(4);
            List<Map<String, Object>> view = simulator.control().calendarView("kari.nordmann@acme.example", from.toInstant(), to.toInstant());
            assertThat(view).extracting(item -> item.get("freeBusy")).contains("OOF", "Busy", "Free");
            assertThat(view).anySatisfy(item -> assertThat(item.get("cancelled")).isEqualTo(true));
        }
    }
}
