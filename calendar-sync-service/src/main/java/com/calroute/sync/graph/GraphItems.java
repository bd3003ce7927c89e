package com.calroute.sync.graph;

import com.calroute.sync.plan.CodeBook;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.TimeZones;
import com.calroute.sync.plan.WorkingHours;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a Graph {@code event} into the same {@link RawItem} the EWS reader produces, so one normaliser serves both:
 * the REST id back to its EWS form (Exchange Online's REST ids are the EWS ids in URL-safe base64), {@code showAs}
 * and {@code sensitivity} to Exchange's names, times to instants, {@code originalStartTimeZone} (a Windows id, like
 * EWS's StartTimeZone) as the item's zone. Subject and location are dropped here unless the tenant shares them:
 * delta cannot leave them out of the answer, so this is the first place they can be forgotten.
 */
public final class GraphItems {

    private GraphItems() {
    }

    /** The EWS id of a Graph REST id. */
    public static String ewsId(String restId) {
        return restId == null ? null : restId.replace('-', '+').replace('_', '/');
    }

    /** Whether a delta entry reports the instance as gone. */
    public static boolean removed(JsonNode event) {
        return event.has("@removed");
    }

    /** The raw item of an event, or null for what a calendar view never shows (series masters). */
    public static RawItem toRaw(JsonNode event, boolean withSubjects) {
        return toRaw(event, withSubjects, CodeBook.NONE);
    }

    /**
     * The raw item of an event with what it matched of {@code codes} in its {@code subject} and {@code categories};
     * the subject itself is forgotten here unless shared, as are the categories the tenant does not define.
     */
    public static RawItem toRaw(JsonNode event, boolean withSubjects, CodeBook codes) {
        if ("seriesMaster".equals(event.path("type").asText())) {
            return null;
        }
        CodeBook.Match match = codes.match(codes.needsSubjects() ? text(event, "subject") : null,
                codes.needsCategories() ? categories(event.path("categories")) : null);
        Instant start = instant(event.path("start"));
        Instant end = instant(event.path("end"));
        return new RawItem(
                ewsId(text(event, "id")),
                text(event, "changeKey"),
                start,
                end == null ? start : end,
                event.path("isAllDay").asBoolean(false),
                text(event, "originalStartTimeZone"),
                freeBusy(text(event, "showAs")),
                sensitivity(text(event, "sensitivity")),
                event.path("isCancelled").asBoolean(false),
                withSubjects ? text(event, "subject") : null,
                withSubjects ? text(event.path("location"), "displayName") : null,
                text(event.path("responseStatus"), "response"), match.code(), match.mark(), match.category());
    }

    /** Graph's {@code categories}: the names (strings) of an array, at most as many as the code book reads. */
    private static List<String> categories(JsonNode categories) {
        if (!categories.isArray()) {
            return null;
        }
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode name : categories) {
            if (names.size() >= CodeBook.MAX_CATEGORIES_READ) {
                break;
            }
            if (name.isTextual()) {
                names.add(name.asText());
            }
        }
        return names;
    }

    /** Exchange's LegacyFreeBusyStatus name for Graph's {@code showAs}. */
    static String freeBusy(String showAs) {
        if (showAs == null) {
            return null;
        }
        return switch (showAs) {
            case "free" -> "Free";
            case "tentative" -> "Tentative";
            case "busy" -> "Busy";
            case "oof" -> "OOF";
            case "workingElsewhere" -> "WorkingElsewhere";
            default -> "NoData";
        };
    }

    /** Exchange's Sensitivity name for Graph's {@code sensitivity}. */
    static String sensitivity(String sensitivity) {
        if (sensitivity == null || sensitivity.isEmpty()) {
            return null;
        }
        return sensitivity.substring(0, 1).toUpperCase(Locale.ROOT) + sensitivity.substring(1).toLowerCase(Locale.ROOT);
    }

    /** A {@code dateTimeTimeZone}: a local date-time in the named zone (UTC when we asked for it). */
    static Instant instant(JsonNode dateTimeTimeZone) {
        String local = text(dateTimeTimeZone, "dateTime");
        if (local == null) {
            return null;
        }
        LocalDateTime dateTime = LocalDateTime.parse(local);
        String zone = text(dateTimeTimeZone, "timeZone");
        if (zone == null || "UTC".equalsIgnoreCase(zone) || "tzone://Microsoft/Utc".equalsIgnoreCase(zone)) {
            return dateTime.toInstant(ZoneOffset.UTC);
        }
        ZoneId zoneId = TimeZones.toIana(zone).orElse(ZoneOffset.UTC);
        return dateTime.atZone(zoneId).toInstant();
    }

    /**
     * Graph's {@code workingHours} (one period: {@code daysOfWeek}, {@code startTime}/{@code endTime} as
     * {@code timeOfDay}, {@code timeZone.name}), falling back to the mailbox's {@code timeZone} when the hours' own
     * zone is unknown (a "Customized Time Zone"); null when absent or unusable.
     */
    static WorkingHours workingHours(JsonNode hours, String mailboxZone) {
        if (!hours.isObject()) {
            return null;
        }
        ZoneId zone = TimeZones.toIana(text(hours.path("timeZone"), "name"))
                .or(() -> TimeZones.toIana(mailboxZone)).orElse(null);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (JsonNode day : hours.path("daysOfWeek")) {
            try {
                days.add(DayOfWeek.valueOf(day.asText("").trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                // An unknown day name is dropped: hostile or newer input must not cost the others.
            }
        }
        Integer start = minuteOfDay(text(hours, "startTime"), false);
        Integer end = minuteOfDay(text(hours, "endTime"), true);
        if (start == null || end == null) {
            return null;
        }
        return WorkingHours.fromExchange(zone, List.of(new WorkingHours.Period(days, start, end)));
    }

    /** A {@code timeOfDay} as minutes after midnight; an end rounds up, so 23:59:59.9999999 is 1440. */
    private static Integer minuteOfDay(String timeOfDay, boolean roundUp) {
        if (timeOfDay == null) {
            return null;
        }
        try {
            LocalTime time = LocalTime.parse(timeOfDay.length() > 18 ? timeOfDay.substring(0, 18) : timeOfDay);
            int minutes = time.getHour() * 60 + time.getMinute();
            boolean partial = time.getSecond() > 0 || time.getNano() > 0;
            return roundUp && partial ? minutes + 1 : minutes;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
