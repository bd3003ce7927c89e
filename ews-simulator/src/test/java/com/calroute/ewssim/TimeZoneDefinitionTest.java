package com.calroute.ewssim;

import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.Specs;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.core.service.schema.AppointmentSchema;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.complex.time.TimeZoneDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time-zone definitions as Exchange 2010 SP1 and later give them: StartTimeZone/EndTimeZone with Periods,
 * TransitionsGroups and Transitions (StartTimeZone element reference,
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/starttimezone; Period,
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/period), and the same definitions
 * from GetServerTimeZones, where an unknown id is left out without an error (MS-OXWSGTZ 3.1.4.1.3.3,
 * https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxwsgtz/) and ReturnFullTimeZoneData="false"
 * gives only ids and names (GetServerTimeZones operation,
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getservertimezones-operation).
 */
class TimeZoneDefinitionTest {
    private static final String ZONES = "<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>"
            + "<t:FieldURI FieldURI=\"calendar:StartTimeZone\"/><t:FieldURI FieldURI=\"calendar:EndTimeZone\"/>"
            + "</t:AdditionalProperties></m:ItemShape>";
    private static EwsSimulator simulator;
    private static RawEws ews;
    private static Specs.ItemRef oslo;
    private static Specs.ItemRef utc;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        ews = new RawEws(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD);
        oslo = simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Oslo", null, null,
                "2026-12-08T09:00:00", "2026-12-08T10:00:00", null, null, null, null, null, null, "Europe/Oslo", null,
                null, null, null, null, null, null));
        utc = simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("UTC", null, null,
                "2026-12-08T12:00:00Z", "2026-12-08T13:00:00Z", null, null, null, null, null, null, "UTC", null,
                null, null, null, null, null, null));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static Element startTimeZone(String itemId) throws Exception {
        RawEws.Answer answer = ews.post(SimulatorFixture.KARI, "<m:GetItem>" + ZONES + "<m:ItemIds><t:ItemId Id=\"" + itemId
                + "\"/></m:ItemIds></m:GetItem>");
        assertThat(answer.document().getElementsByTagNameNS(RawEws.T, "EndTimeZone").getLength()).isEqualTo(1);
        return (Element) answer.document().getElementsByTagNameNS(RawEws.T, "StartTimeZone").item(0);
    }

    private static List<Element> all(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        var nodes = parent.getElementsByTagNameNS(RawEws.T, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Element parent, String localName) {
        Node node = parent.getElementsByTagNameNS(RawEws.T, localName).item(0);
        return node == null ? null : node.getTextContent();
    }

    @Test
    void aZoneWithDaylightSavingTimeCarriesBothPeriodsAndItsTwoYearlyTransitions() throws Exception {
        Element zone = startTimeZone(oslo.itemId());

        assertThat(zone.getAttribute("Id")).isEqualTo("W. Europe Standard Time");
        List<Element> periods = all(zone, "Period");
        assertThat(periods).extracting(period -> period.getAttribute("Name")).containsExactly("Standard", "Daylight");
        assertThat(periods).extracting(period -> period.getAttribute("Bias"))
                .containsExactly("-P0DT1H0M0.0S", "-P0DT2H0M0.0S");
        List<Element> transitions = all(zone, "RecurringDayTransition");
        assertThat(transitions).hasSize(2);
        Element toDaylight = transitions.stream().filter(t -> "3".equals(text(t, "Month"))).findFirst().orElseThrow();
        assertThat(text(toDaylight, "To")).isEqualTo(periods.get(1).getAttribute("Id"));
        assertThat(text(toDaylight, "TimeOffset")).isEqualTo("P0DT2H0M0.0S");
        assertThat(text(toDaylight, "DayOfWeek")).isEqualTo("Sunday");
        assertThat(text(toDaylight, "Occurrence")).isEqualTo("-1");
        Element toStandard = transitions.stream().filter(t -> "10".equals(text(t, "Month"))).findFirst().orElseThrow();
        assertThat(text(toStandard, "To")).isEqualTo(periods.get(0).getAttribute("Id"));
        assertThat(text(toStandard, "TimeOffset")).isEqualTo("P0DT3H0M0.0S");
        Element group = all(zone, "TransitionsGroup").get(0);
        Element outer = (Element) zone.getElementsByTagNameNS(RawEws.T, "Transitions").item(0);
        Element toGroup = (Element) outer.getElementsByTagNameNS(RawEws.T, "To").item(0);
        assertThat(toGroup.getAttribute("Kind")).isEqualTo("Group");
        assertThat(toGroup.getTextContent()).isEqualTo(group.getAttribute("Id"));
    }

    @Test
    void aZoneWithoutDaylightSavingTimeHasOnePeriodAndOneTransition() throws Exception {
        Element zone = startTimeZone(utc.itemId());

        assertThat(all(zone, "Period")).singleElement().satisfies(period ->
                assertThat(period.getAttribute("Bias")).isEqualTo("P0DT0H0M0.0S"));
        assertThat(all(zone, "RecurringDayTransition")).isEmpty();
        assertThat(all(all(zone, "TransitionsGroup").get(0), "To")).singleElement().satisfies(to ->
                assertThat(to.getAttribute("Kind")).isEqualTo("Period"));
    }

    @Test
    void ewsJavaApiBuildsTheZoneFromTheFullDefinition() throws Exception {
        try (ExchangeService kari = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "ACME", SimulatorFixture.KARI)) {
            Appointment item = Appointment.bind(kari, new ItemId(oslo.itemId()), new PropertySet(BasePropertySet.IdOnly,
                    AppointmentSchema.StartTimeZone, AppointmentSchema.EndTimeZone));
            TimeZoneDefinition zone = item.getStartTimeZone();

            assertThat(zone.getId()).isEqualTo("W. Europe Standard Time");
            assertThat(zone.getPeriods()).hasSize(2);
            assertThat(zone.getTransitionGroups()).hasSize(1);
        }
    }

    @Test
    void getServerTimeZonesGivesTheSameDefinitionsAndLeavesOutUnknownIds() throws Exception {
        RawEws.Answer answer = ews.post(SimulatorFixture.KARI, "<m:GetServerTimeZones><m:Ids><t:Id>Pacific Standard Time</t:Id>"
                + "<t:Id>Atlantis Standard Time</t:Id></m:Ids></m:GetServerTimeZones>");

        List<Element> definitions = all(answer.document().getDocumentElement(), "TimeZoneDefinition");
        assertThat(definitions).singleElement().satisfies(zone -> {
            assertThat(zone.getAttribute("Id")).isEqualTo("Pacific Standard Time");
            assertThat(all(zone, "Period")).extracting(period -> period.getAttribute("Bias"))
                    .containsExactly("P0DT8H0M0.0S", "P0DT7H0M0.0S");
            Element march = all(zone, "RecurringDayTransition").stream().filter(t -> "3".equals(text(t, "Month")))
                    .findFirst().orElseThrow();
            assertThat(text(march, "Occurrence")).isEqualTo("2");
            assertThat(text(march, "TimeOffset")).isEqualTo("P0DT2H0M0.0S");
        });
        assertThat(answer.responseCode()).isEqualTo("NoError");
    }
}
