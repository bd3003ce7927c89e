package com.calroute.sync.graph;

import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.TimeZones;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

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
        if ("seriesMaster".equals(event.path("type").asText())) {
            return null;
        }
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
                withSubjects ? text(event.path("location"), "displayName") : null);
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
