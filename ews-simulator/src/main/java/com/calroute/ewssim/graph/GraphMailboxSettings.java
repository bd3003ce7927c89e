package com.calroute.ewssim.graph;

import com.calroute.ewssim.mailbox.AutomaticReplies;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.WindowsTimeZones;
import com.calroute.ewssim.mailbox.WorkingHours;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Graph's {@code mailboxSettings} resource and its {@code automaticRepliesSetting} (Microsoft Graph v1.0,
 * "mailboxSettings resource type" and "automaticRepliesSetting resource type"): GET answers the settings, PATCH
 * changes the automatic replies. Scheduled times are {@code dateTimeTimeZone} values, answered in UTC.
 */
final class GraphMailboxSettings {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    private GraphMailboxSettings() {
    }

    /** The whole {@code mailboxSettings} of a mailbox. */
    static Map<String, Object> settings(Mailbox mailbox) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + mailbox.smtpAddress()
                + "')/mailboxSettings");
        json.put("archiveFolder", "AAMkAD" + mailbox.calendarFolderId().substring(0, 8));
        json.put("timeZone", WindowsTimeZones.of(mailbox.timeZone()).id());
        json.put("automaticRepliesSetting", automaticReplies(mailbox));
        json.put("workingHours", workingHours(mailbox));
        json.put("language", Map.of("locale", "nb-NO", "displayName", "norsk bokmål (Norge)"));
        json.put("dateFormat", "dd.MM.yyyy");
        json.put("timeFormat", "HH:mm");
        json.put("delegateMeetingMessageDeliveryOptions", "sendToDelegateOnly");
        json.put("userPurpose", "user");
        return json;
    }

    /**
     * {@code workingHours} ("workingHours resource type"): week days, start and end as local times, and the time zone
     * by its Windows name. Graph has room for one set of hours; a mailbox with several periods (EWS can hold them)
     * is shown with every working day and the first period's hours (inferred: Microsoft documents no other form).
     */
    static Map<String, Object> workingHours(Mailbox mailbox) {
        WorkingHours hours = mailbox.workingHours();
        WorkingHours.Period first = hours.periods().get(0);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("daysOfWeek", hours.periods().stream().flatMap(period -> period.days().stream()).distinct().sorted()
                .map(day -> day.name().toLowerCase(java.util.Locale.ROOT)).toList());
        json.put("startTime", timeOfDay(first.startMinute()));
        json.put("endTime", timeOfDay(first.endMinute()));
        json.put("timeZone", Map.of("name", WindowsTimeZones.of(hours.timeZone()).id()));
        return json;
    }

    /** Graph's {@code timeOfDay}: {@code HH:mm:ss.fffffff}; the end of the day is 23:59:59.9999999, never 24:00. */
    private static String timeOfDay(int minute) {
        return minute >= 1440 ? "23:59:59.9999999" : String.format("%02d:%02d:00.0000000", minute / 60, minute % 60);
    }

    /** {@code automaticRepliesSetting} alone, as GET .../mailboxSettings/automaticRepliesSetting answers it. */
    static Map<String, Object> automaticReplies(Mailbox mailbox) {
        AutomaticReplies replies = mailbox.automaticReplies();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", replies.state().graphName());
        json.put("externalAudience", "all");
        json.put("internalReplyMessage", replies.internalReply());
        json.put("externalReplyMessage", replies.externalReply());
        // Graph always carries a schedule; Exchange keeps the last one set (or a default day) while not scheduled.
        Instant start = replies.start() != null ? replies.start() : Instant.EPOCH;
        Instant end = replies.end() != null ? replies.end() : Instant.EPOCH.plus(1, ChronoUnit.DAYS);
        json.put("scheduledStartDateTime", dateTimeTimeZone(start));
        json.put("scheduledEndDateTime", dateTimeTimeZone(end));
        return json;
    }

    /** Applies the {@code automaticRepliesSetting} of a PATCH body; other settings are not modelled and ignored. */
    static void patch(Mailbox mailbox, JsonNode body) {
        JsonNode setting = body.path("automaticRepliesSetting");
        if (setting.isMissingNode() || setting.isNull()) {
            return;
        }
        AutomaticReplies current = mailbox.automaticReplies();
        AutomaticReplies.State state = setting.hasNonNull("status")
                ? AutomaticReplies.State.parse(setting.get("status").asText()) : current.state();
        Instant start = setting.has("scheduledStartDateTime") ? instant(setting.get("scheduledStartDateTime"))
                : current.start();
        Instant end = setting.has("scheduledEndDateTime") ? instant(setting.get("scheduledEndDateTime"))
                : current.end();
        mailbox.automaticReplies(new AutomaticReplies(state, start, end,
                setting.path("internalReplyMessage").asText(current.internalReply()),
                setting.path("externalReplyMessage").asText(current.externalReply())));
    }

    private static Map<String, Object> dateTimeTimeZone(Instant instant) {
        return Map.of("dateTime", LOCAL.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)),
                "timeZone", "UTC");
    }

    /** A {@code dateTimeTimeZone}: a local date-time in the named zone (Windows or IANA name). */
    private static Instant instant(JsonNode value) {
        String dateTime = value.path("dateTime").asText(null);
        if (dateTime == null) {
            throw new IllegalArgumentException("dateTimeTimeZone needs dateTime");
        }
        String zoneName = value.path("timeZone").asText("UTC");
        ZoneId zone = WindowsTimeZones.toZone(zoneName);
        try {
            return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date-time: " + dateTime);
        }
    }
}
