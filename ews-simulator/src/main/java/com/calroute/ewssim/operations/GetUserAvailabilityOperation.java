package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.FreeBusyStatus;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.WorkingHours;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsFault;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import com.calroute.ewssim.soap.XsDateTime;
import org.w3c.dom.Element;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GetUserAvailability's free/busy part (EWS reference "GetUserAvailability operation", "FreeBusyView",
 * "WorkingHours"): for each mailbox in {@code MailboxDataArray}, its calendar events in {@code TimeWindow} as times
 * only (the default permission inside an organisation is free/busy time, no details), the merged free/busy string
 * for the merged views, and its working hours with their time zone. Times in the answer are local times of the
 * request's {@code TimeZone}, as the availability service writes them. Suggestions are not modelled.
 */
public final class GetUserAvailabilityOperation implements Operation {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** Exchange refuses a free/busy window longer than 62 days (ErrorInvalidTimeInterval). */
    private static final Duration MAX_WINDOW = Duration.ofDays(62);

    @Override
    public byte[] execute(OperationContext context) {
        Element request = context.operation();
        AvailabilityTimeZone zone = AvailabilityTimeZone.parse(Dom.child(request, EwsNamespaces.TYPES, "TimeZone"));
        Element options = Dom.child(request, EwsNamespaces.TYPES, "FreeBusyViewOptions");
        Element array = Dom.child(request, EwsNamespaces.MESSAGES, "MailboxDataArray");
        if (options == null || array == null) {
            throw invalid(ResponseCodes.INVALID_REQUEST, "MailboxDataArray and FreeBusyViewOptions are required");
        }
        Element window = Dom.child(options, EwsNamespaces.TYPES, "TimeWindow");
        Instant start;
        Instant end;
        try {
            start = time(Dom.childText(window, EwsNamespaces.TYPES, "StartTime"), zone);
            end = time(Dom.childText(window, EwsNamespaces.TYPES, "EndTime"), zone);
        } catch (RuntimeException e) {
            throw invalid(ResponseCodes.INVALID_REQUEST, "TimeWindow needs StartTime and EndTime");
        }
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw invalid("ErrorInvalidTimeInterval", "The time window must end after its start and span at most 62 days");
        }
        String view = textOr(Dom.childText(options, EwsNamespaces.TYPES, "RequestedView"), "Detailed");
        int interval = Integer.parseInt(textOr(Dom.childText(options, EwsNamespaces.TYPES,
                "MergedFreeBusyIntervalInMinutes"), "30"));

        XmlWriter w = SoapEnvelopes.beginBody(context.version(), 4096);
        w.start("GetUserAvailabilityResponse").attr("xmlns", EwsNamespaces.MESSAGES);
        w.start("FreeBusyResponseArray");
        for (Element data : Dom.children(array, EwsNamespaces.TYPES, "MailboxData")) {
            Element email = Dom.child(data, EwsNamespaces.TYPES, "Email");
            String address = email == null ? null : Dom.childText(email, EwsNamespaces.TYPES, "Address");
            Mailbox mailbox = address == null ? null : context.engine().directory().find(address);
            w.start("FreeBusyResponse");
            if (mailbox == null) {
                context.noteResponseCode("ErrorMailRecipientNotFound");
                w.start("ResponseMessage").attr("ResponseClass", "Error");
                w.element("MessageText", "The mailbox could not be found.");
                w.element("ResponseCode", "ErrorMailRecipientNotFound");
                w.end().end();
                continue;
            }
            w.start("ResponseMessage").attr("ResponseClass", "Success");
            w.element("ResponseCode", ResponseCodes.NO_ERROR);
            w.end();
            freeBusyView(w, mailbox, view, interval, start, end, zone, context);
            w.end();
        }
        w.end();
        return SoapEnvelopes.finish(w);
    }

    private static void freeBusyView(XmlWriter w, Mailbox mailbox, String view, int interval, Instant start,
                                     Instant end, AvailabilityTimeZone zone, OperationContext context) {
        List<CalendarInstance> events = mailbox.calendarView(start, end).stream()
                .filter(event -> !event.cancelled() && event.freeBusy() != FreeBusyStatus.FREE).toList();
        // FreeBusyView is the messages schema's own element; everything inside it is of the types schema.
        w.start("FreeBusyView");
        w.start("FreeBusyViewType").attr("xmlns", EwsNamespaces.TYPES).text(view).end();
        if (view.contains("Merged")) {
            w.start("MergedFreeBusy").attr("xmlns", EwsNamespaces.TYPES).text(merged(events, start, end, interval)).end();
        }
        if (!"MergedOnly".equals(view) && !"None".equals(view)) {
            w.start("CalendarEventArray").attr("xmlns", EwsNamespaces.TYPES);
            boolean workingElsewhere = context.clientSchema().workingElsewhere();
            for (CalendarInstance event : events) {
                w.start("CalendarEvent");
                w.element("StartTime", local(event.start(), zone));
                w.element("EndTime", local(event.end(), zone));
                w.element("BusyType", event.freeBusy().wireName(workingElsewhere));
                w.end();
            }
            w.end();
            workingHours(w, mailbox.workingHours(), context.engine().clock().instant());
        }
        w.end();
    }

    private static void workingHours(XmlWriter w, WorkingHours hours, Instant now) {
        w.start("WorkingHours").attr("xmlns", EwsNamespaces.TYPES);
        AvailabilityTimeZone.of(hours.timeZone(), now.atZone(hours.timeZone()).getYear()).write(w);
        w.start("WorkingPeriodArray");
        for (WorkingHours.Period period : hours.periods()) {
            w.start("WorkingPeriod");
            w.element("DayOfWeek", period.days().stream().sorted(GetUserAvailabilityOperation::sundayFirst)
                    .map(day -> day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).collect(Collectors.joining(" ")));
            w.element("StartTimeInMinutes", period.startMinute());
            w.element("EndTimeInMinutes", period.endMinute());
            w.end();
        }
        w.end();
        w.end();
    }

    private static int sundayFirst(DayOfWeek a, DayOfWeek b) {
        return Integer.compare(a.getValue() % 7, b.getValue() % 7);
    }

    /** One digit per interval: the strongest status in it (0 free, 1 tentative, 2 busy, 3 OOF). */
    private static String merged(List<CalendarInstance> events, Instant start, Instant end, int minutes) {
        StringBuilder digits = new StringBuilder();
        Duration step = Duration.ofMinutes(Math.max(5, Math.min(1440, minutes)));
        for (Instant from = start; from.isBefore(end); from = from.plus(step)) {
            Instant to = from.plus(step);
            int strongest = 0;
            for (CalendarInstance event : events) {
                if (event.start().isBefore(to) && event.end().isAfter(from)) {
                    strongest = Math.max(strongest, switch (event.freeBusy()) {
                        case TENTATIVE -> 1;
                        case BUSY -> 2;
                        case OOF -> 3;
                        default -> 0;
                    });
                }
            }
            digits.append(strongest);
        }
        return digits.toString();
    }

    private static String local(Instant instant, AvailabilityTimeZone zone) {
        ZoneOffset offset = zone == null ? ZoneOffset.UTC : zone.offsetAt(instant);
        return LocalDateTime.ofInstant(instant, offset).format(LOCAL);
    }

    /** An xs:dateTime of the request: with an offset as given, without one in the request's time zone. */
    private static Instant time(String text, AvailabilityTimeZone zone) {
        return XsDateTime.parse(text, local ->
                local.toInstant(zone == null ? ZoneOffset.UTC : zone.offsetAt(local.toInstant(ZoneOffset.UTC))));
    }

    private static String textOr(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.trim();
    }

    private static EwsFault invalid(String code, String why) {
        return new EwsFault(code, why, Map.of(), true, 0, 0);
    }
}
