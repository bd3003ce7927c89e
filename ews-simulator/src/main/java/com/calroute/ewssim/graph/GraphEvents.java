package com.calroute.ewssim.graph;

import com.calroute.ewssim.mailbox.Appointment;
import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.FreeBusyStatus;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.ResponseType;
import com.calroute.ewssim.mailbox.WindowsTimeZones;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders calendar instances as Microsoft Graph {@code event} resources. Ids are the EWS ids in the URL-safe
 * base64 form Exchange Online's REST ids take ({@code +}→{@code -}, {@code /}→{@code _}), change keys are the EWS
 * change keys, and times are {@code dateTimeTimeZone} values in the zone {@code Prefer: outlook.timezone} asks for,
 * else in UTC (what app-only calls get by default).
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

    /**
     * The zone an answer's times are written in: what {@code Prefer: outlook.timezone="…"} names (a Windows or an
     * IANA name, echoed as given), else UTC, which app-only calls get by default.
     */
    public record OutputZone(String name, ZoneId zone) {
        public static final OutputZone UTC = new OutputZone("UTC", ZoneOffset.UTC);
        private static final Pattern PREFER = Pattern.compile("outlook\\.timezone\\s*=\\s*\"([^\"]+)\"");

        /** The zone the {@code Prefer} headers ask for; an unknown name gets UTC, as if nothing was asked. */
        public static OutputZone fromPrefer(List<String> preferHeaders) {
            for (String prefer : preferHeaders) {
                Matcher matcher = PREFER.matcher(prefer);
                if (matcher.find()) {
                    String name = matcher.group(1).trim();
                    try {
                        return new OutputZone(name, WindowsTimeZones.toZone(name));
                    } catch (DateTimeException e) {
                        return UTC;
                    }
                }
            }
            return UTC;
        }
    }

    public static Map<String, Object> event(Mailbox mailbox, CalendarInstance instance) {
        return event(mailbox, instance, OutputZone.UTC);
    }

    public static Map<String, Object> event(Mailbox mailbox, CalendarInstance instance, OutputZone output) {
        var master = instance.master();
        boolean ofSeries = instance.kind() == CalendarInstance.Kind.OCCURRENCE
                || instance.kind() == CalendarInstance.Kind.EXCEPTION;
        String zone = WindowsTimeZones.of(master.timeZone()).id();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@odata.type", "#microsoft.graph.event");
        event.put("@odata.etag", "W/\"" + instance.changeKey() + "\"");
        event.put("id", restId(instance.itemId()));
        event.put("createdDateTime", utc(master.created()));
        event.put("lastModifiedDateTime", utc(instance.lastModified()));
        event.put("changeKey", instance.changeKey());
        event.put("categories", master.categories());
        event.put("transactionId", null);
        event.put("originalStartTimeZone", zone);
        event.put("originalEndTimeZone", zone);
        event.put("iCalUId", iCalUId(master, ofSeries ? instance.originalStart() : null));
        event.put("reminderMinutesBeforeStart", 15);
        event.put("isReminderOn", true);
        event.put("hasAttachments", false);
        event.put("subject", instance.subject() == null ? "" : instance.subject());
        event.put("bodyPreview", "");
        event.put("importance", "normal");
        event.put("sensitivity", instance.sensitivity().wireName().toLowerCase(Locale.ROOT));
        event.put("isAllDay", master.allDay());
        event.put("isCancelled", instance.cancelled());
        event.put("isOrganizer", master.myResponse() == ResponseType.ORGANIZER);
        event.put("responseRequested", true);
        event.put("seriesMasterId", ofSeries ? restId(master.itemId()) : null);
        event.put("showAs", showAs(instance.freeBusy()));
        event.put("type", type(instance.kind()));
        if (ofSeries) {
            // Graph's event resource: originalStart is set on occurrences and exceptions only.
            event.put("originalStart", instance.originalStart().toString());
        }
        event.put("isOnlineMeeting", false);
        event.put("onlineMeetingProvider", "unknown");
        event.put("allowNewTimeProposals", true);
        event.put("isDraft", false);
        event.put("hideAttendees", false);
        event.put("responseStatus", Map.of("response", master.myResponse().graphName(), "time", "0001-01-01T00:00:00Z"));
        event.put("body", Map.of("contentType", "html", "content", ""));
        event.put("start", dateTimeTimeZone(instance.start(), output));
        event.put("end", dateTimeTimeZone(instance.end(), output));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("displayName", instance.location() == null ? "" : instance.location());
        location.put("locationType", "default");
        location.put("uniqueIdType", "unknown");
        event.put("location", location);
        // locations holds the event's locations; with one location it is that one, as location shows it.
        boolean located = instance.location() != null && !instance.location().isEmpty();
        event.put("locations", located ? List.of(Map.of("displayName", instance.location(), "locationType", "default",
                "uniqueIdType", "unknown")) : List.of());
        event.put("webLink", "https://outlook.office365.com/owa/?itemid="
                + URLEncoder.encode(restId(instance.itemId()), StandardCharsets.UTF_8) + "&exvsurl=1&path=/calendar/item");
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

    private static Map<String, Object> dateTimeTimeZone(Instant instant, OutputZone output) {
        // Exchange keeps times to the second, as the EWS side shows them.
        return Map.of("dateTime", LOCAL.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(output.zone())),
                "timeZone", output.name());
    }

    /**
     * The event's iCalendar UID in Outlook's GlobalObjectId form (MS-OXOCAL PidLidGlobalObjectId): the class id, then
     * the instance date (year, month, day of the original start in the series' zone; zero for a single item or the
     * series itself), then the item's own part. So each occurrence of a series has its own iCalUId, as Graph's event
     * resource says.
     */
    static String iCalUId(Appointment master, Instant originalStart) {
        String date = "00000000";
        if (originalStart != null) {
            LocalDate day = originalStart.atZone(master.timeZone()).toLocalDate();
            date = String.format(Locale.ROOT, "%04X%02X%02X", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
        }
        return "040000008200E00074C5B7101A82E008" + date + master.uid();
    }
}
