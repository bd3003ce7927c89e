package com.calroute.ewssim;

import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.Specs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation's answers, successes and each error, validated against Microsoft's messages.xsd/types.xsd:
 * the operation response element in the SOAP body and the ServerVersionInfo header of every response. Faults carry
 * response codes from the schema's ResponseCodeType.
 */
class SchemaConformanceTest {
    private static final String CALENDAR = "<t:DistinguishedFolderId Id=\"calendar\"/>";
    private static final String ALL = "<m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:AdditionalProperties>"
            + "<t:FieldURI FieldURI=\"calendar:StartTimeZone\"/><t:FieldURI FieldURI=\"calendar:EndTimeZone\"/>"
            + "<t:FieldURI FieldURI=\"item:Body\"/>" + SimulatorFixture.BUSY_STATUS_FIELD
            + "</t:AdditionalProperties></m:ItemShape>";
    private static final String EVENTS = "<t:EventTypes><t:EventType>CreatedEvent</t:EventType><t:EventType>ModifiedEvent</t:EventType>"
            + "<t:EventType>DeletedEvent</t:EventType></t:EventTypes>";

    private static EwsSimulator simulator;
    private static RawEws ews;
    private static Specs.ItemRef series;
    private static Specs.ItemRef single;
    private static final TreeSet<String> covered = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        EwsSchema.schema();
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        ews = new RawEws(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD);
        series = simulator.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.weekly("Stand-up <&> \"team\"",
                "2026-12-07T09:00:00+01:00", "2026-12-07T09:15:00+01:00", List.of("MONDAY", "THURSDAY"), 6));
        simulator.control().modifyOccurrence(SimulatorFixture.KARI, series.itemId(), Instant.parse("2026-12-10T08:00:00Z"),
                new AppointmentSpec.OccurrenceSpec(null, null, null, "moved", "elsewhere", "2026-12-10T12:00:00Z", null, null,
                        null, "WorkingElsewhere", null, null, null));
        simulator.control().deleteOccurrence(SimulatorFixture.KARI, series.itemId(), Instant.parse("2026-12-14T08:00:00Z"));
        // Categories sit between Size and Importance in ItemType's sequence; names are text that must be escaped.
        single = simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Doctor", "Clinic",
                "line 1\nline 2", "2026-12-08T13:00:00Z", "2026-12-08T14:00:00Z", null, null, null, null, null, null, null,
                null, "OOF", "Private", null, null, null, null, null, List.of("Ferie", "Rød & <blå>")));
        simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Off", null, null, "2026-12-09",
                null, null, null, null, null, null, 1, null, true, "Free", null, true, null, null, null));
        simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Monthly", null, null,
                "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z", null, null, null, null, null, null, "UTC", null, "Tentative",
                null, null, null, new AppointmentSpec.RecurrenceSpec("RELATIVE_MONTHLY", 1, List.of("TUESDAY"), null, "FIRST",
                        null, "2027-06-30", null), null));
        simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Daily", null, null,
                "2026-12-01T07:00:00Z", "2026-12-01T07:10:00Z", null, null, null, null, null, null, "UTC", null, null, null,
                null, null, new AppointmentSpec.RecurrenceSpec("DAILY", 2, null, null, null, null, null, null), null));
        // An invitation Kari declined but kept: its MyResponseType must be valid against the schema too.
        simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Declined", null, null,
                "2026-12-10T09:00:00Z", "2026-12-10T10:00:00Z", null, null, null, null, null, null, "UTC", null, "Busy",
                null, null, true, null, null, "Decline"));
    }

    @AfterAll
    static void stop() {
        simulator.close();
        assertThat(covered).contains("FindItem:NoError", "GetItem:NoError", "GetFolder:NoError", "SyncFolderItems:NoError",
                "Subscribe:NoError", "GetEvents:NoError", "Unsubscribe:NoError", "GetStreamingEvents:NoError",
                "GetServerTimeZones:NoError", "ResolveNames:NoError", "ResolveNames:ErrorNameResolutionMultipleResults",
                "ResolveNames:ErrorNameResolutionNoResults", "ConvertId:NoError", "ConvertId:ErrorInvalidIdMalformed");
    }

    private static RawEws.Answer valid(String operation, RawEws.Answer answer) throws Exception {
        Element versionInfo = RawEws.firstElement(answer.header());
        assertThat(versionInfo.getLocalName()).isEqualTo("ServerVersionInfo");
        EwsSchema.validate(versionInfo);
        assertThat(answer.document().getDocumentElement().getNamespaceURI()).isEqualTo(RawEws.SOAP);
        String code = answer.responseCode();
        assertThat(EwsSchema.responseCodes()).as("response code %s is one of the schema's", code).contains(code);
        if (answer.status() == 200) {
            if ("GetStreamingEvents".equals(operation)) {
                alignStreamingQuirk(answer.document());
            }
            EwsSchema.validate(answer.operationResponse());
            assertThat(answer.operationResponse().getLocalName()).isEqualTo(operation + "Response");
        } else {
            assertThat(answer.status()).isEqualTo(500);
            assertThat(RawEws.child(answer.body(), RawEws.SOAP, "Fault")).isNotNull();
        }
        covered.add(operation + ":" + code);
        return answer;
    }

    /**
     * Automatic replies as MS-OXWOOF 3.1.4.1 (GetUserOofSettings) and 3.1.4.2 (SetUserOofSettings) describe them:
     * one ResponseMessage, then OofSettings (state, audience, the scheduled Duration, the replies); a mailbox that is
     * not the caller's own gets a SOAP fault.
     */
    @Test
    void automaticRepliesAreReadAndSetForTheCallersOwnMailboxOnly() throws Exception {
        call("SetUserOofSettings", SimulatorFixture.OLA, "<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>"
                + SimulatorFixture.OLA + "</t:Address></t:Mailbox><t:UserOofSettings><t:OofState>Scheduled</t:OofState>"
                + "<t:ExternalAudience>All</t:ExternalAudience><t:Duration><t:StartTime>2026-12-21T23:00:00Z</t:StartTime>"
                + "<t:EndTime>2027-01-03T23:00:00Z</t:EndTime></t:Duration><t:InternalReply><t:Message>På ferie til 4. januar"
                + "</t:Message></t:InternalReply></t:UserOofSettings></m:SetUserOofSettingsRequest>");
        String get = "<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>" + SimulatorFixture.OLA
                + "</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>";
        RawEws.Answer answer = call("GetUserOofSettings", SimulatorFixture.OLA, get);
        Element settings = (Element) answer.document().getElementsByTagNameNS(RawEws.T, "OofSettings").item(0);
        assertThat(RawEws.child(settings, RawEws.T, "OofState").getTextContent()).isEqualTo("Scheduled");
        Element duration = RawEws.child(settings, RawEws.T, "Duration");
        assertThat(RawEws.child(duration, RawEws.T, "StartTime").getTextContent()).isEqualTo("2026-12-21T23:00:00Z");
        assertThat(RawEws.child(duration, RawEws.T, "EndTime").getTextContent()).isEqualTo("2027-01-03T23:00:00Z");
        assertThat(RawEws.child(RawEws.child(settings, RawEws.T, "InternalReply"), RawEws.T, "Message").getTextContent())
                .isEqualTo("På ferie til 4. januar");

        RawEws.Answer someoneElses = call("GetUserOofSettings", SimulatorFixture.KARI, get);
        assertThat(someoneElses.status()).isEqualTo(500);
        assertThat(someoneElses.responseCode()).isEqualTo("ErrorAccessDenied");
    }

    /**
     * GetUserAvailability as the EWS reference describes it ("GetUserAvailability operation", "FreeBusyView",
     * "WorkingHours", "WorkingPeriod", "TimeZone (Availability)"): per mailbox a FreeBusyResponse; events as local
     * times of the request's time zone; the merged string for a merged view; the working hours with their time zone
     * as bias and yearly changes; an unknown mailbox answered in its own response, not as a fault.
     */
    @Test
    void availabilityAnswersFreeBusyTimesAndWorkingHoursPerMailbox() throws Exception {
        simulator.control().putWorkingHours(SimulatorFixture.KARI, new Specs.WorkingHoursSpec("Europe/Oslo", List.of(
                new Specs.WorkingPeriodSpec(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY"), 480, 960),
                new Specs.WorkingPeriodSpec(List.of("FRIDAY"), 480, 900))));
        String osloAsWindowsWritesIt = "<t:TimeZone><t:Bias>-60</t:Bias><t:StandardTime><t:Bias>0</t:Bias>"
                + "<t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek>"
                + "</t:StandardTime><t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder>"
                + "<t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>";
        String request = "<m:GetUserAvailabilityRequest>" + osloAsWindowsWritesIt + "<m:MailboxDataArray>"
                + "<t:MailboxData><t:Email><t:Address>" + SimulatorFixture.KARI + "</t:Address></t:Email>"
                + "<t:AttendeeType>Required</t:AttendeeType><t:ExcludeConflicts>false</t:ExcludeConflicts></t:MailboxData>"
                + "<t:MailboxData><t:Email><t:Address>nobody@acme.example</t:Address></t:Email>"
                + "<t:AttendeeType>Required</t:AttendeeType></t:MailboxData></m:MailboxDataArray>"
                + "<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>2026-12-08T00:00:00</t:StartTime>"
                + "<t:EndTime>2026-12-09T00:00:00</t:EndTime></t:TimeWindow>"
                + "<t:MergedFreeBusyIntervalInMinutes>60</t:MergedFreeBusyIntervalInMinutes>"
                + "<t:RequestedView>FreeBusyMerged</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>";
        RawEws.Answer answer = valid("GetUserAvailability", ews.postRaw(RawEws.envelope(null, "Exchange2013", request)));

        var responses = answer.document().getElementsByTagNameNS(RawEws.M, "FreeBusyResponse");
        assertThat(responses.getLength()).isEqualTo(2);
        Element kari = RawEws.child((Element) responses.item(0), RawEws.M, "FreeBusyView");
        // The doctor's appointment, 13:00–14:00 UTC, is 14:00–15:00 in Oslo in December.
        Element event = (Element) kari.getElementsByTagNameNS(RawEws.T, "CalendarEvent").item(0);
        assertThat(RawEws.child(event, RawEws.T, "StartTime").getTextContent()).isEqualTo("2026-12-08T14:00:00");
        assertThat(RawEws.child(event, RawEws.T, "BusyType").getTextContent()).isEqualTo("OOF");
        assertThat(event.getElementsByTagNameNS(RawEws.T, "CalendarEventDetails").getLength())
                .as("free/busy time only: the default permission inside an organisation").isZero();
        assertThat(RawEws.child(kari, RawEws.T, "MergedFreeBusy").getTextContent())
                .isEqualTo("0".repeat(14) + "3" + "0".repeat(9));
        Element hours = RawEws.child(kari, RawEws.T, "WorkingHours");
        Element zone = RawEws.child(hours, RawEws.T, "TimeZone");
        assertThat(RawEws.child(zone, RawEws.T, "Bias").getTextContent()).isEqualTo("-60");
        Element daylight = RawEws.child(zone, RawEws.T, "DaylightTime");
        assertThat(List.of(RawEws.child(daylight, RawEws.T, "Bias").getTextContent(),
                RawEws.child(daylight, RawEws.T, "Time").getTextContent(),
                RawEws.child(daylight, RawEws.T, "DayOrder").getTextContent(),
                RawEws.child(daylight, RawEws.T, "Month").getTextContent(),
                RawEws.child(daylight, RawEws.T, "DayOfWeek").getTextContent()))
                .containsExactly("-60", "02:00:00", "5", "3", "Sunday");
        Element standard = RawEws.child(zone, RawEws.T, "StandardTime");
        assertThat(RawEws.child(standard, RawEws.T, "Time").getTextContent()).isEqualTo("03:00:00");
        assertThat(RawEws.child(standard, RawEws.T, "Month").getTextContent()).isEqualTo("10");
        var periods = hours.getElementsByTagNameNS(RawEws.T, "WorkingPeriod");
        assertThat(periods.getLength()).isEqualTo(2);
        Element weekdays = (Element) periods.item(0);
        assertThat(RawEws.child(weekdays, RawEws.T, "DayOfWeek").getTextContent())
                .isEqualTo("Monday Tuesday Wednesday Thursday");
        assertThat(RawEws.child(weekdays, RawEws.T, "StartTimeInMinutes").getTextContent()).isEqualTo("480");
        assertThat(RawEws.child(weekdays, RawEws.T, "EndTimeInMinutes").getTextContent()).isEqualTo("960");

        Element nobody = RawEws.child((Element) responses.item(1), RawEws.M, "ResponseMessage");
        assertThat(nobody.getAttribute("ResponseClass")).isEqualTo("Error");
        assertThat(RawEws.child(nobody, RawEws.M, "ResponseCode").getTextContent()).isEqualTo("ErrorMailRecipientNotFound");
    }

    private static RawEws.Answer call(String operation, String mailbox, String body) throws Exception {
        return valid(operation, ews.post(mailbox, body));
    }

    private static String findItem(String start, String end, String max, String folder) {
        return "<m:FindItem Traversal=\"Shallow\">" + ALL + "<m:CalendarView" + (max == null ? "" : " MaxEntriesReturned=\"" + max + "\"")
                + " StartDate=\"" + start + "\" EndDate=\"" + end + "\"/><m:ParentFolderIds>" + folder + "</m:ParentFolderIds></m:FindItem>";
    }

    @Test
    void workingElsewhereIsBusyForSchemasBefore2013AndAlwaysInPidLidBusyStatus() throws Exception {
        String view = findItem("2026-12-10T00:00:00Z", "2026-12-11T00:00:00Z", null, CALENDAR);
        for (String requestVersion : List.of("Exchange2010_SP2", "Exchange2013")) {
            RawEws.Answer answer = valid("FindItem", ews.postRaw(RawEws.envelope(SimulatorFixture.KARI, requestVersion,
                    view)));
            Element moved = null;
            var items = answer.document().getElementsByTagNameNS(RawEws.T, "CalendarItem");
            for (int i = 0; i < items.getLength(); i++) {
                Element item = (Element) items.item(i);
                if ("moved".equals(RawEws.child(item, RawEws.T, "Subject").getTextContent())) {
                    moved = item;
                }
            }
            assertThat(moved).as("the WorkingElsewhere occurrence").isNotNull();
            assertThat(RawEws.child(moved, RawEws.T, "LegacyFreeBusyStatus").getTextContent()).as(requestVersion)
                    .isEqualTo(requestVersion.equals("Exchange2013") ? "WorkingElsewhere" : "Busy");
            Element extended = RawEws.child(moved, RawEws.T, "ExtendedProperty");
            Element uri = RawEws.child(extended, RawEws.T, "ExtendedFieldURI");
            assertThat(uri.getAttribute("DistinguishedPropertySetId")).isEqualTo("Appointment");
            assertThat(uri.getAttribute("PropertyId")).isEqualTo("33285");
            assertThat(RawEws.child(extended, RawEws.T, "Value").getTextContent()).isEqualTo("4");
        }
    }

    @Test
    void findItemAnswersAndErrorsAreValid() throws Exception {
        RawEws.Answer view = call("FindItem", SimulatorFixture.KARI, findItem("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", null, CALENDAR));
        assertThat(view.document().getElementsByTagNameNS(RawEws.T, "CalendarItem").getLength()).isGreaterThan(10);
        var categories = view.document().getElementsByTagNameNS(RawEws.T, "Categories");
        assertThat(categories.getLength()).as("only the item tagged with categories has the element").isEqualTo(1);
        assertThat(categories.item(0).getTextContent()).isEqualTo("FerieRød & <blå>");
        assertThat(call("FindItem", SimulatorFixture.KARI, findItem("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "2", CALENDAR))
                .document().getElementsByTagNameNS(RawEws.M, "RootFolder").item(0).getAttributes()
                .getNamedItem("IncludesLastItemInRange").getNodeValue()).isEqualTo("false");
        call("FindItem", SimulatorFixture.KARI, "<m:FindItem Traversal=\"Shallow\"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>"
                + "<m:IndexedPageItemView MaxEntriesReturned=\"2\" Offset=\"1\" BasePoint=\"Beginning\"/><m:ParentFolderIds>" + CALENDAR
                + "</m:ParentFolderIds></m:FindItem>");
        assertThat(call("FindItem", SimulatorFixture.KARI, findItem("2026-01-01T00:00:00Z", "2029-01-01T00:00:00Z", null, CALENDAR))
                .responseCode()).isEqualTo("ErrorCalendarViewRangeTooBig");
        assertThat(call("FindItem", SimulatorFixture.KARI, findItem("2026-12-10T00:00:00Z", "2026-12-01T00:00:00Z", null, CALENDAR))
                .responseCode()).isEqualTo("ErrorCalendarEndDateIsEarlierThanStartDate");
        assertThat(call("FindItem", SimulatorFixture.KARI, findItem("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", null,
                "<t:DistinguishedFolderId Id=\"inbox\"/>")).responseCode()).isEqualTo("ErrorFolderNotFound");
        assertThat(call("FindItem", SimulatorFixture.KARI, findItem("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", null,
                "<t:DistinguishedFolderId Id=\"calendar\"><t:Mailbox><t:EmailAddress>" + SimulatorFixture.OLA
                        + "</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>")).responseCode()).isEqualTo("ErrorAccessDenied");
        assertThat(call("FindItem", null, findItem("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", null, CALENDAR))
                .responseCode()).isEqualTo("ErrorMissingEmailAddress");
        try (EwsSimulator exchange2010 = SimulatorFixture.start("Exchange2010")) {
            exchange2010.control().updateServer(Map.of("findCountLimit", 1));
            exchange2010.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.single("a", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));
            exchange2010.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.single("b", "2026-12-01T11:00:00Z", "2026-12-01T12:00:00Z"));
            RawEws old = new RawEws(exchange2010.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD);
            assertThat(valid("FindItem", old.postRaw(RawEws.envelope(SimulatorFixture.KARI, "Exchange2010",
                    findItem("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", null, CALENDAR)))).responseCode())
                    .isEqualTo("ErrorExceededFindCountLimit");
            assertThat(valid("FindItem", old.post(SimulatorFixture.KARI, findItem("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", null, CALENDAR)))
                    .responseCode()).isEqualTo("ErrorInvalidServerVersion");
        }
    }

    @Test
    void getItemAndGetFolderAnswersAndErrorsAreValid() throws Exception {
        RawEws.Answer view = call("FindItem", SimulatorFixture.KARI, findItem("2026-12-07T00:00:00Z", "2026-12-12T00:00:00Z", null, CALENDAR));
        List<String> ids = new ArrayList<>();
        var itemIds = view.document().getElementsByTagNameNS(RawEws.T, "ItemId");
        for (int i = 0; i < itemIds.getLength(); i++) {
            ids.add(((Element) itemIds.item(i)).getAttribute("Id"));
        }
        StringBuilder request = new StringBuilder("<m:GetItem>" + ALL + "<m:ItemIds>");
        for (String id : ids) {
            request.append("<t:ItemId Id=\"").append(id).append("\"/>");
        }
        request.append("<t:ItemId Id=\"").append(series.itemId()).append("\"/>");
        request.append("<t:ItemId Id=\"").append(single.itemId()).append("\"/>");
        request.append("<t:OccurrenceItemId RecurringMasterId=\"").append(series.itemId()).append("\" InstanceIndex=\"1\"/>");
        request.append("<t:RecurringMasterItemId OccurrenceId=\"").append(ids.get(0)).append("\"/>");
        request.append("<t:ItemId Id=\"not-an-id\"/>");
        simulator.control().deleteAppointment(SimulatorFixture.KARI, simulator.control().createAppointment(SimulatorFixture.KARI,
                SimulatorFixture.single("gone", "2026-12-20T09:00:00Z", "2026-12-20T10:00:00Z")).itemId());
        request.append("</m:ItemIds></m:GetItem>");
        RawEws.Answer answer = call("GetItem", SimulatorFixture.KARI, request.toString());
        List<String> codes = new ArrayList<>();
        var responseCodes = answer.document().getElementsByTagNameNS(RawEws.M, "ResponseCode");
        for (int i = 0; i < responseCodes.getLength(); i++) {
            codes.add(responseCodes.item(i).getTextContent());
        }
        assertThat(codes).endsWith("ErrorInvalidIdMalformed").contains("NoError");
        assertThat(answer.document().getElementsByTagNameNS(RawEws.T, "ModifiedOccurrences").getLength()).isGreaterThan(0);
        assertThat(answer.document().getElementsByTagNameNS(RawEws.T, "DeletedOccurrences").getLength()).isGreaterThan(0);

        call("GetFolder", SimulatorFixture.KARI, "<m:GetFolder><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape>"
                + "<m:FolderIds>" + CALENDAR + "</m:FolderIds></m:GetFolder>");
        assertThat(call("GetFolder", SimulatorFixture.KARI, "<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>"
                + "<m:FolderIds><t:DistinguishedFolderId Id=\"inbox\"/></m:FolderIds></m:GetFolder>").responseCode())
                .isEqualTo("ErrorFolderNotFound");
    }

    /** GetServerTimeZones (MS-OXWSGTZ), ResolveNames and ConvertId answers, each outcome, against the schema. */
    @Test
    void timeZoneDirectoryAndIdConversionAnswersAreValid() throws Exception {
        RawEws.Answer zones = call("GetServerTimeZones", SimulatorFixture.KARI, "<m:GetServerTimeZones/>");
        assertThat(zones.document().getElementsByTagNameNS(RawEws.T, "TimeZoneDefinition").getLength()).isGreaterThan(5);
        assertThat(zones.document().getElementsByTagNameNS(RawEws.T, "RecurringDayTransition").getLength()).isGreaterThan(5);
        RawEws.Answer names = call("GetServerTimeZones", SimulatorFixture.KARI, "<m:GetServerTimeZones ReturnFullTimeZoneData=\"false\">"
                + "<m:Ids><t:Id>W. Europe Standard Time</t:Id><t:Id>Nowhere Standard Time</t:Id></m:Ids></m:GetServerTimeZones>");
        assertThat(names.document().getElementsByTagNameNS(RawEws.T, "TimeZoneDefinition").getLength()).isEqualTo(1);
        assertThat(names.document().getElementsByTagNameNS(RawEws.T, "Periods").getLength()).isZero();

        simulator.control().putMailbox("kari.hansen@acme.example", new Specs.MailboxSpec(null, "Kari Hansen", "UTC", null));
        for (String entry : List.of("kari@acme.example", "Kari", "nobody-here")) {
            call("ResolveNames", SimulatorFixture.KARI, "<m:ResolveNames ReturnFullContactData=\"true\"><m:UnresolvedEntry>" + entry
                    + "</m:UnresolvedEntry></m:ResolveNames>");
        }

        String id = series.itemId();
        RawEws.Answer hex = call("ConvertId", SimulatorFixture.KARI, "<m:ConvertId DestinationFormat=\"HexEntryId\"><m:SourceIds>"
                + "<t:AlternateId Format=\"EwsId\" Id=\"" + id + "\" Mailbox=\"" + SimulatorFixture.KARI + "\"/>"
                + "<t:AlternateId Format=\"EwsId\" Id=\"bm90LWFuLWlk\" Mailbox=\"" + SimulatorFixture.KARI + "\"/>"
                + "</m:SourceIds></m:ConvertId>");
        var converted = hex.document().getElementsByTagNameNS(RawEws.M, "AlternateId");
        assertThat(converted.getLength()).isEqualTo(1);
        assertThat(((Element) converted.item(0)).getAttribute("Id")).matches("[0-9A-F]+");
        assertThat(hex.document().getElementsByTagNameNS(RawEws.M, "ResponseCode").item(1).getTextContent())
                .isEqualTo("ErrorInvalidIdMalformed");
        covered.add("ConvertId:ErrorInvalidIdMalformed");
    }

    @Test
    void syncFolderItemsAnswersAndErrorsAreValid() throws Exception {
        String sync = "<m:SyncFolderItems>" + ALL + "<m:SyncFolderId>" + CALENDAR + "</m:SyncFolderId>%s<m:MaxChangesReturned>100</m:MaxChangesReturned></m:SyncFolderItems>";
        RawEws.Answer initial = call("SyncFolderItems", SimulatorFixture.OLA, String.format(sync, ""));
        String state = initial.document().getElementsByTagNameNS(RawEws.M, "SyncState").item(0).getTextContent();
        Specs.ItemRef created = simulator.control().createAppointment(SimulatorFixture.OLA, SimulatorFixture.weekly("series",
                "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", List.of("TUESDAY"), 3));
        RawEws.Answer creates = call("SyncFolderItems", SimulatorFixture.OLA, String.format(sync, "<m:SyncState>" + state + "</m:SyncState>"));
        assertThat(creates.document().getElementsByTagNameNS(RawEws.T, "Create").getLength()).isEqualTo(1);
        state = creates.document().getElementsByTagNameNS(RawEws.M, "SyncState").item(0).getTextContent();
        simulator.control().updateAppointment(SimulatorFixture.OLA, created.itemId(), Map.of("cancelled", true));
        RawEws.Answer updates = call("SyncFolderItems", SimulatorFixture.OLA, String.format(sync, "<m:SyncState>" + state + "</m:SyncState>"));
        assertThat(updates.document().getElementsByTagNameNS(RawEws.T, "Update").getLength()).isEqualTo(1);
        state = updates.document().getElementsByTagNameNS(RawEws.M, "SyncState").item(0).getTextContent();
        simulator.control().deleteAppointment(SimulatorFixture.OLA, created.itemId());
        RawEws.Answer deletes = call("SyncFolderItems", SimulatorFixture.OLA, String.format(sync, "<m:SyncState>" + state + "</m:SyncState>"));
        assertThat(deletes.document().getElementsByTagNameNS(RawEws.T, "Delete").getLength()).isEqualTo(1);
        assertThat(call("SyncFolderItems", SimulatorFixture.OLA, String.format(sync, "<m:SyncState>bm9wZQ==</m:SyncState>")).responseCode())
                .isEqualTo("ErrorInvalidSyncStateData");
    }

    @Test
    void subscriptionAnswersAndErrorsAreValid() throws Exception {
        RawEws.Answer subscribed = call("Subscribe", SimulatorFixture.KARI, "<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds>"
                + CALENDAR + "</t:FolderIds>" + EVENTS + "<t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>");
        String id = subscribed.document().getElementsByTagNameNS(RawEws.M, "SubscriptionId").item(0).getTextContent();
        String watermark = subscribed.document().getElementsByTagNameNS(RawEws.M, "Watermark").item(0).getTextContent();
        String getEvents = "<m:GetEvents><m:SubscriptionId>%s</m:SubscriptionId><m:Watermark>%s</m:Watermark></m:GetEvents>";
        assertThat(call("GetEvents", SimulatorFixture.KARI, String.format(getEvents, id, watermark))
                .document().getElementsByTagNameNS(RawEws.T, "StatusEvent").getLength()).isEqualTo(1);
        Specs.ItemRef item = simulator.control().createAppointment(SimulatorFixture.KARI,
                SimulatorFixture.single("pulled", "2026-12-22T09:00:00Z", "2026-12-22T10:00:00Z"));
        simulator.control().updateAppointment(SimulatorFixture.KARI, item.itemId(), Map.of("subject", "renamed"));
        simulator.control().deleteAppointment(SimulatorFixture.KARI, item.itemId());
        RawEws.Answer events = call("GetEvents", SimulatorFixture.KARI, String.format(getEvents, id, watermark));
        assertThat(events.document().getElementsByTagNameNS(RawEws.T, "CreatedEvent").getLength()).isEqualTo(1);
        assertThat(events.document().getElementsByTagNameNS(RawEws.T, "ModifiedEvent").getLength())
                .as("one item ModifiedEvent plus a folder ModifiedEvent per change").isEqualTo(4);
        assertThat(events.document().getElementsByTagNameNS(RawEws.T, "FolderId").getLength()).isEqualTo(3);
        assertThat(events.document().getElementsByTagNameNS(RawEws.T, "DeletedEvent").getLength()).isEqualTo(1);
        assertThat(call("GetEvents", SimulatorFixture.KARI, String.format(getEvents, id, "AAAA")).responseCode()).isEqualTo("ErrorInvalidWatermark");
        RawEws.Answer streamingSubscription = call("Subscribe", SimulatorFixture.KARI, "<m:Subscribe><m:StreamingSubscriptionRequest>"
                + "<t:FolderIds>" + CALENDAR + "</t:FolderIds>" + EVENTS + "</m:StreamingSubscriptionRequest></m:Subscribe>");
        String streamingId = streamingSubscription.document().getElementsByTagNameNS(RawEws.M, "SubscriptionId").item(0).getTextContent();
        assertThat(call("GetEvents", SimulatorFixture.KARI, String.format(getEvents, streamingId, watermark)).responseCode())
                .isEqualTo("ErrorInvalidPullSubscriptionId");
        call("Unsubscribe", SimulatorFixture.KARI, "<m:Unsubscribe><m:SubscriptionId>" + id + "</m:SubscriptionId></m:Unsubscribe>");
        assertThat(call("Unsubscribe", SimulatorFixture.KARI, "<m:Unsubscribe><m:SubscriptionId>" + id + "</m:SubscriptionId></m:Unsubscribe>")
                .responseCode()).isEqualTo("ErrorSubscriptionNotFound");
        assertThat(call("GetEvents", SimulatorFixture.KARI, String.format(getEvents, id, watermark)).responseCode())
                .isEqualTo("ErrorSubscriptionNotFound");
        simulator.control().updateServer(Map.of("maxSubscriptionsPerMailbox", 1));
        try {
            assertThat(call("Subscribe", SimulatorFixture.KARI, "<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds>" + CALENDAR
                    + "</t:FolderIds>" + EVENTS + "</m:StreamingSubscriptionRequest></m:Subscribe>").responseCode())
                    .isEqualTo("ErrorExceededSubscriptionCount");
        } finally {
            simulator.control().updateServer(Map.of("maxSubscriptionsPerMailbox", 5000));
        }
        String getStreaming = "<m:GetStreamingEvents><m:SubscriptionIds><t:SubscriptionId>%s</t:SubscriptionId></m:SubscriptionIds>"
                + "<m:ConnectionTimeout>1</m:ConnectionTimeout></m:GetStreamingEvents>";
        RawEws.Answer unknown = call("GetStreamingEvents", SimulatorFixture.KARI, String.format(getStreaming, id));
        assertThat(unknown.responseCode()).isEqualTo("ErrorSubscriptionNotFound");
        assertThat(unknown.document().getElementsByTagNameNS(RawEws.M, "ErrorSubscriptionIds").getLength()).isEqualTo(1);
        assertThat(unknown.document().getElementsByTagNameNS(RawEws.M, "ConnectionStatus").item(0).getTextContent())
                .isEqualTo("Closed");
        RawEws.Answer pullOnStream = call("GetStreamingEvents", SimulatorFixture.KARI, String.format(getStreaming,
                call("Subscribe", SimulatorFixture.KARI, "<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds>" + CALENDAR
                        + "</t:FolderIds>" + EVENTS + "<t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>")
                        .document().getElementsByTagNameNS(RawEws.M, "SubscriptionId").item(0).getTextContent()));
        assertThat(pullOnStream.responseCode()).isEqualTo("ErrorInvalidSubscription");
    }

    @Test
    void everyStreamedEnvelopeIsValidAndTheStreamEndsClosed() throws Exception {
        simulator.control().updateServer(Map.of("heartbeatSeconds", 1, "streamingConnectionTimeoutSeconds", 3));
        try {
            String id = call("Subscribe", SimulatorFixture.OLA, "<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds>" + CALENDAR
                    + "</t:FolderIds>" + EVENTS + "</m:StreamingSubscriptionRequest></m:Subscribe>")
                    .document().getElementsByTagNameNS(RawEws.M, "SubscriptionId").item(0).getTextContent();
            var request = ews.request(RawEws.envelope(SimulatorFixture.OLA, "Exchange2010_SP2",
                    "<m:GetStreamingEvents><m:SubscriptionIds><t:SubscriptionId>" + id + "</t:SubscriptionId></m:SubscriptionIds>"
                            + "<m:ConnectionTimeout>30</m:ConnectionTimeout></m:GetStreamingEvents>"));
            HttpResponse<InputStream> response = ews.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            simulator.control().createAppointment(SimulatorFixture.OLA, SimulatorFixture.single("streamed",
                    "2026-12-22T09:00:00Z", "2026-12-22T10:00:00Z"));
            List<String> statuses = new ArrayList<>();
            int notifications = 0;
            for (String envelope : envelopes(response.body())) {
                RawEws.Answer answer = valid("GetStreamingEvents", new RawEws.Answer(200, RawEws.parse(envelope.getBytes(StandardCharsets.UTF_8))));
                var status = answer.document().getElementsByTagNameNS(RawEws.M, "ConnectionStatus");
                if (status.getLength() > 0) {
                    statuses.add(status.item(0).getTextContent());
                }
                notifications += answer.document().getElementsByTagNameNS(RawEws.T, "Notification").getLength();
            }
            assertThat(notifications).isEqualTo(1);
            assertThat(statuses).contains("OK").last().isEqualTo("Closed");
        } finally {
            simulator.control().updateServer(Map.of("heartbeatSeconds", 30, "streamingConnectionTimeoutMinutes", 30,
                    "streamingConnectionTimeoutSeconds", 1800));
        }
    }

    @Test
    void faultsCarrySchemaResponseCodesAndTheVersionHeader() throws Exception {
        String week = findItem("2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z", null, CALENDAR);
        assertThat(call("FindItem", "nobody@acme.example", week).responseCode()).isEqualTo("ErrorNonExistentMailbox");
        simulator.control().putAccount("limited", new Specs.AccountSpec(null, "pw", null, null, null, List.of(SimulatorFixture.OLA)));
        simulator.control().putAccount("none", new Specs.AccountSpec(null, "pw", null, null, null, null));
        assertThat(valid("FindItem", new RawEws(simulator.httpEwsUrl(), "limited", "pw").post(SimulatorFixture.KARI, week)).responseCode())
                .isEqualTo("ErrorImpersonateUserDenied");
        assertThat(valid("FindItem", new RawEws(simulator.httpEwsUrl(), "none", "pw").post(SimulatorFixture.KARI, week)).responseCode())
                .isEqualTo("ErrorImpersonationDenied");
        simulator.control().addFault(Map.of("mailbox", SimulatorFixture.KARI, "kind", "SERVER_BUSY", "backOffMs", 5000, "count", 1));
        RawEws.Answer busy = call("FindItem", SimulatorFixture.KARI, week);
        assertThat(busy.responseCode()).isEqualTo("ErrorServerBusy");
        assertThat(busy.document().getElementsByTagNameNS(RawEws.T, "Value").item(0).getAttributes().getNamedItem("Name")
                .getNodeValue()).isEqualTo("BackOffMilliseconds");
        simulator.control().putAccount("one", new Specs.AccountSpec(null, "pw", 1, null, null, List.of("*")));
        simulator.control().addFault(Map.of("account", "one", "kind", "LATENCY", "latencyMs", 3000, "count", 1));
        RawEws one = new RawEws(simulator.httpEwsUrl(), "one", "pw");
        var slow = ews.client().sendAsync(one.request(RawEws.envelope(SimulatorFixture.KARI, "Exchange2010_SP2", week)),
                HttpResponse.BodyHandlers.ofByteArray());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> ((Number) simulator.control().stats().get("one").get("inFlight")).intValue() == 1);
        assertThat(valid("FindItem", one.post(SimulatorFixture.KARI, week)).responseCode()).isEqualTo("ErrorExceededConnectionCount");
        assertThat(slow.get().statusCode()).isEqualTo(200);
        RawEws.Answer dtd = valid("FindItem", ews.postRaw("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + RawEws.envelope(SimulatorFixture.KARI, "Exchange2010_SP2", week).substring(38)));
        assertThat(dtd.status()).isEqualTo(500);
        assertThat(dtd.responseCode()).isEqualTo("ErrorSchemaValidation");
    }

    /**
     * Exchange puts the children of GetStreamingEvents' Notifications and ErrorSubscriptionIds in the messages
     * namespace, although its schema types them in the types namespace; clients are built for the wire (ews-java-api
     * reads m:Notification and m:SubscriptionId there and fails on t:). The simulator follows the wire. This checks
     * that it does, then moves exactly those elements to the schema's namespace so the rest is validated as is.
     */
    private static void alignStreamingQuirk(org.w3c.dom.Document document) {
        for (String[] quirk : new String[][] {{"Notifications", "Notification"}, {"ErrorSubscriptionIds", "SubscriptionId"}}) {
            var parents = document.getElementsByTagNameNS(RawEws.M, quirk[0]);
            for (int i = 0; i < parents.getLength(); i++) {
                for (org.w3c.dom.Node n = parents.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element child) {
                        assertThat(child.getNamespaceURI()).as("wire namespace of %s", quirk[1]).isEqualTo(RawEws.M);
                        document.renameNode(child, RawEws.T, "t:" + child.getLocalName());
                    }
                }
            }
        }
    }

    private static List<String> envelopes(InputStream stream) throws Exception {
        List<String> envelopes = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                current.write(buffer, 0, read);
                String text = current.toString(StandardCharsets.UTF_8);
                int end;
                while ((end = text.indexOf("</Envelope>")) >= 0) {
                    envelopes.add(text.substring(0, end + "</Envelope>".length()));
                    text = text.substring(end + "</Envelope>".length());
                    current.reset();
                    current.write(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return envelopes;
    }
}
