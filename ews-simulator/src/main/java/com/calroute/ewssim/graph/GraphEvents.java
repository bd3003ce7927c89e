package com.calroute.ewssim.graph;

import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.FreeBusyStatus;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.WindowsTimeZones;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders calendar instances as Microsoft Graph {@code event} resources. Ids are the EWS ids in the URL-safe
 * base64 form Exchange Online's REST ids take ({@code +}→{@code -}, {@code /}→{@code _}), change keys are the EWS
 * change keys, and times are {@code dateTimeTimeZone} values in UTC (what {@code Prefer: outlook.timezone="UTC"}
 * asks for and what app-only calls get by default).
 */
public final class GraphEvents {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    private GraphEvents() {
    }

    /** The REST id of an EWS id. */
    public static String restId(String ewsId) {
        return ewsId.replace('+', '-').replace('/', '_');
    }

    /** The EWS id of a REST id. */
    public static String ewsId(String restId) {
        return restId.replace('-', '+').replace('_', '/');
    }

    public static Map<String, Object> event(Mailbox mailbox, CalendarInstance instance) {
        var master = instance.master();
        String zone = WindowsTimeZones.of(master.timeZone()).id();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@odata.type", "#microsoft.graph.event");
        event.put("@odata.etag", "W/\"" + instance.changeKey() + "\"");
        event.put("id", restId(instance.itemId()));
        event.put("createdDateTime", utc(master.created()));
        event.put("lastModifiedDateTime", utc(instance.lastModified()));
        event.put("changeKey", instance.changeKey());
        event.put("categories", List.of());
        event.put("transactionId", null);
        event.put("originalStartTimeZone", zone);
        event.put("originalEndTimeZone", zone);
        event.put("iCalUId", "040000008200E00074C5B7101A82E00800000000" + master.uid());
        event.put("reminderMinutesBeforeStart", 15);
        event.put("isReminderOn", true);
        event.put("hasAttachments", false);
        event.put("subject", instance.subject() == null ? "" : instance.subject());
        event.put("bodyPreview", "");
        event.put("importance", "normal");
        event.put("sensitivity", instance.sensitivity().wireName().toLowerCase(Locale.ROOT));
        event.put("isAllDay", master.allDay());
        event.put("isCancelled", instance.cancelled());
        event.put("isOrganizer", true);
        event.put("responseRequested", true);
        event.put("seriesMasterId", instance.kind() == CalendarInstance.Kind.SINGLE ? null : restId(master.itemId()));
        event.put("showAs", showAs(instance.freeBusy()));
        event.put("type", type(instance.kind()));
        event.put("isOnlineMeeting", false);
        event.put("onlineMeetingProvider", "unknown");
        event.put("allowNewTimeProposals", true);
        event.put("isDraft", false);
        event.put("hideAttendees", false);
        event.put("responseStatus", Map.of("response", "organizer", "time", "0001-01-01T00:00:00Z"));
        event.put("body", Map.of("contentType", "html", "content", ""));
        event.put("start", dateTimeTimeZone(instance.start()));
        event.put("end", dateTimeTimeZone(instance.end()));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("displayName", instance.location() == null ? "" : instance.location());
        location.put("locationType", "default");
        location.put("uniqueIdType", "unknown");
        event.put("location", location);
        event.put("locations", List.of());
        event.put("recurrence", null);
        event.put("attendees", List.of());
        event.put("organizer", Map.of("emailAddress",
                Map.of("name", mailbox.displayName(), "address", mailbox.smtpAddress())));
        return event;
    }

    /** A removed instance as delta reports it. */
    public static Map<String, Object> removed(String restId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@odata.type", "#microsoft.graph.event");
        event.put("id", restId);
        event.put("@removed", Map.of("reason", "deleted"));
        return event;
    }

    static String showAs(FreeBusyStatus status) {
        return switch (status) {
            case FREE -> "free";
            case TENTATIVE -> "tentative";
            case BUSY -> "busy";
            case OOF -> "oof";
            case WORKING_ELSEWHERE -> "workingElsewhere";
            case NO_DATA -> "unknown";
        };
    }

    static String type(CalendarInstance.Kind kind) {
        return switch (kind) {
            case SINGLE -> "singleInstance";
            case OCCURRENCE -> "occurrence";
            case EXCEPTION -> "exception";
            case RECURRING_MASTER -> "seriesMaster";
        };
    }

    static String utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Map<String, Object> dateTimeTimeZone(Instant instant) {
        // Exchange keeps times to the second, as the EWS side shows them.
        return Map.of("dateTime", LOCAL.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)),
                "timeZone", "UTC");
    }
}
