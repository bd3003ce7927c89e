package com.calroute.ewssim;

import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.search.CalendarView;
import microsoft.exchange.webservices.data.search.FindItemsResults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which items a CalendarView takes in and how it counts them, as Microsoft's CalendarView element reference states
 * (https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/calendarview): "All calendar
 * items that have an end time that is before StartDate will not be returned" and "All calendar items that have a
 * start time that is on or after EndDate will not be returned". TotalItemsInView is the number of items in the view
 * (RootFolder, https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/rootfolder-finditemresponsemessage),
 * not the number a MaxEntriesReturned cut lets through.
 */
class CalendarViewRangeTest {
    private static final String START = "2026-12-08T09:00:00Z";
    private static final String END = "2026-12-08T17:00:00Z";
    private static EwsSimulator simulator;
    private static RawEws ews;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        ews = new RawEws(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD);
        String kari = SimulatorFixture.KARI;
        simulator.control().createAppointment(kari, SimulatorFixture.single("ends before", "2026-12-08T07:00:00Z", "2026-12-08T08:59:59Z"));
        simulator.control().createAppointment(kari, SimulatorFixture.single("ends at start", "2026-12-08T08:00:00Z", START));
        simulator.control().createAppointment(kari, SimulatorFixture.single("inside", "2026-12-08T10:00:00Z", "2026-12-08T11:00:00Z"));
        simulator.control().createAppointment(kari, SimulatorFixture.single("inside too", "2026-12-08T12:00:00Z", "2026-12-08T13:00:00Z"));
        simulator.control().createAppointment(kari, SimulatorFixture.single("starts at end", END, "2026-12-08T18:00:00Z"));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static Element rootFolder(String max) throws Exception {
        RawEws.Answer answer = ews.post(SimulatorFixture.KARI, "<m:FindItem Traversal=\"Shallow\"><m:ItemShape>"
                + "<t:BaseShape>Default</t:BaseShape></m:ItemShape><m:CalendarView"
                + (max == null ? "" : " MaxEntriesReturned=\"" + max + "\"") + " StartDate=\"" + START + "\" EndDate=\""
                + END + "\"/><m:ParentFolderIds><t:DistinguishedFolderId Id=\"calendar\"/></m:ParentFolderIds></m:FindItem>");
        return (Element) answer.document().getElementsByTagNameNS(RawEws.M, "RootFolder").item(0);
    }

    private static List<String> subjects(Element rootFolder) {
        List<String> subjects = new ArrayList<>();
        var found = rootFolder.getElementsByTagNameNS(RawEws.T, "Subject");
        for (int i = 0; i < found.getLength(); i++) {
            subjects.add(found.item(i).getTextContent());
        }
        return subjects;
    }

    @Test
    void anItemEndingExactlyAtStartDateIsInAndOneStartingAtEndDateIsOut() throws Exception {
        Element root = rootFolder(null);

        assertThat(subjects(root)).containsExactly("ends at start", "inside", "inside too");
        assertThat(root.getAttribute("TotalItemsInView")).isEqualTo("3");
        assertThat(root.getAttribute("IncludesLastItemInRange")).isEqualTo("true");
    }

    @Test
    void totalItemsInViewCountsTheRangeWhenMaxEntriesReturnedCutsIt() throws Exception {
        Element root = rootFolder("1");

        assertThat(subjects(root)).containsExactly("ends at start");
        assertThat(root.getAttribute("TotalItemsInView")).isEqualTo("3");
        assertThat(root.getAttribute("IncludesLastItemInRange")).isEqualTo("false");
    }

    @Test
    void ewsJavaApiSeesTheBoundaryItemAndTheWholeCount() throws Exception {
        try (ExchangeService service = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "ACME", SimulatorFixture.KARI)) {
            FindItemsResults<Appointment> page = service.findAppointments(WellKnownFolderName.Calendar,
                    new CalendarView(Date.from(Instant.parse(START)), Date.from(Instant.parse(END)), 2));

            assertThat(page.getItems()).hasSize(2);
            assertThat(page.getItems().get(0).getEnd().toInstant()).isEqualTo(Instant.parse(START));
            assertThat(page.getTotalCount()).isEqualTo(3);
            assertThat(page.isMoreAvailable()).isTrue();
        }
    }
}
