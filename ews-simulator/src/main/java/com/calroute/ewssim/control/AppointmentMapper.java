package com.calroute.ewssim.control;

import com.calroute.ewssim.mailbox.Appointment;
import com.calroute.ewssim.mailbox.FreeBusyStatus;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.OccurrenceChange;
import com.calroute.ewssim.mailbox.Recurrence;
import com.calroute.ewssim.mailbox.ResponseType;
import com.calroute.ewssim.mailbox.Sensitivity;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns control-API appointment specs into model builders and model objects back into JSON-ready maps. */
public final class AppointmentMapper {
    private final Clock clock;

    public AppointmentMapper(Clock clock) {
        this.clock = clock;
    }

    /** A builder for a new appointment from {@code spec}, with relative times resolved in the mailbox's zone. */
    public Appointment.Builder toBuilder(AppointmentSpec spec, Mailbox mailbox) {
        try {
            ZoneId zone = spec.timeZone() != null ? ZoneId.of(spec.timeZone()) : mailbox.timeZone();
            boolean allDay = Boolean.TRUE.equals(spec.allDay());
            Instant start = resolveStart(spec.start(), spec.startIn(), spec.day(), spec.at(), spec.weekOffset(), zone, allDay, mailbox.timeZone());
            if (start == null) {
                throw ControlException.badRequest("an appointment needs start, startIn or day/at");
            }
            Instant end = resolveEnd(spec.end(), spec.duration(), spec.days(), start, zone, allDay);
            if (end.isBefore(start)) {
                throw ControlException.badRequest("end is before start");
            }
            return Appointment.builder()
                    .subject(spec.subject())
                    .location(spec.location())
                    .body(spec.body())
                    .start(start)
                    .end(end)
                    .timeZone(zone)
                    .allDay(allDay)
                    .freeBusy(spec.freeBusy() == null ? FreeBusyStatus.BUSY : FreeBusyStatus.parse(spec.freeBusy()))
                    .sensitivity(spec.sensitivity() == null ? Sensitivity.NORMAL : Sensitivity.parse(spec.sensitivity()))
                    .cancelled(Boolean.TRUE.equals(spec.cancelled()))
                    .meeting(Boolean.TRUE.equals(spec.meeting()))
                    .myResponse(spec.myResponse() == null ? null : ResponseType.parse(spec.myResponse()))
                    .recurrence(recurrence(spec.recurrence()))
                    .categories(spec.categories());
        } catch (DateTimeException | IllegalArgumentException e) {
            throw ControlException.badRequest(e.getMessage());
        }
    }

    /** Applies a JSON merge-style patch: fields present are set (null clears optional ones), absent ones stay. */
    public Appointment.Builder applyPatch(Appointment.Builder builder, JsonNode patch, Mailbox mailbox) {
        try {
            Appointment current = builder.build();
            ZoneId zone = patch.hasNonNull("timeZone") ? ZoneId.of(patch.get("timeZone").asText()) : current.timeZone();
            boolean allDay = patch.has("allDay") ? patch.get("allDay").asBoolean() : current.allDay();
            builder.timeZone(zone).allDay(allDay);
            if (patch.has("subject")) {
                builder.subject(text(patch, "subject"));
            }
            if (patch.has("location")) {
                builder.location(text(patch, "location"));
            }
            if (patch.has("body")) {
                builder.body(text(patch, "body"));
            }
            if (patch.has("freeBusy")) {
                builder.freeBusy(FreeBusyStatus.parse(text(patch, "freeBusy")));
            }
            if (patch.has("sensitivity")) {
                builder.sensitivity(Sensitivity.parse(text(patch, "sensitivity")));
            }
            if (patch.has("cancelled")) {
                builder.cancelled(patch.get("cancelled").asBoolean());
            }
            if (patch.has("categories")) {
                List<String> categories = new java.util.ArrayList<>();
                patch.path("categories").forEach(name -> categories.add(name.asText()));
                builder.categories(categories);
            }
            if (patch.has("meeting")) {
                builder.meeting(patch.get("meeting").asBoolean());
            }
            if (patch.has("myResponse")) {
                String response = text(patch, "myResponse");
                builder.myResponse(response == null ? null : ResponseType.parse(response));
            }
            Instant start = resolveStart(text(patch, "start"), text(patch, "startIn"),
                    patch.hasNonNull("day") ? patch.get("day").asInt() : null, text(patch, "at"),
                    patch.hasNonNull("weekOffset") ? patch.get("weekOffset").asInt() : null, zone, allDay, mailbox.timeZone());
            Duration oldDuration = Duration.between(current.start(), current.end());
            if (start != null) {
                builder.start(start);
            }
            Instant effectiveStart = start != null ? start : current.start();
            if (patch.hasNonNull("end") || patch.hasNonNull("duration") || patch.hasNonNull("days")) {
                builder.end(resolveEnd(text(patch, "end"), text(patch, "duration"),
                        patch.hasNonNull("days") ? patch.get("days").asInt() : null, effectiveStart, zone, allDay));
            } else if (start != null) {
                builder.end(start.plus(oldDuration));
            }
            if (patch.has("recurrence")) {
                JsonNode node = patch.get("recurrence");
                builder.recurrence(node.isNull() ? null : recurrence(ControlJson.MAPPER.treeToValue(node, AppointmentSpec.RecurrenceSpec.class)));
                builder.modifiedOccurrences(new java.util.TreeMap<>()).deletedOccurrences(new java.util.TreeSet<>());
            }
            if (builder.end().isBefore(builder.start())) {
                throw ControlException.badRequest("end is before start");
            }
            return builder;
        } catch (DateTimeException | IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ControlException.badRequest(e.getMessage());
        }
    }

    /** The change an occurrence spec describes (deletion is handled by the caller). */
    public OccurrenceChange occurrenceChange(AppointmentSpec.OccurrenceSpec spec, Appointment series, Instant originalStart) {
        try {
            Instant start = resolveStart(spec.start(), spec.startIn(), null, null, null, series.timeZone(), series.allDay(), series.timeZone());
            if (start == null && spec.at() != null) {
                start = ZonedDateTime.of(originalStart.atZone(series.timeZone()).toLocalDate(), LocalTime.parse(spec.at()),
                        series.timeZone()).toInstant();
            }
            Instant end = null;
            if (spec.end() != null || spec.duration() != null) {
                end = resolveEnd(spec.end(), spec.duration(), null, start != null ? start : originalStart, series.timeZone(), series.allDay());
            } else if (start != null) {
                end = start.plus(Duration.between(series.start(), series.end()));
            }
            return new OccurrenceChange(spec.subject(), spec.location(), start, end,
                    spec.freeBusy() == null ? null : FreeBusyStatus.parse(spec.freeBusy()),
                    spec.sensitivity() == null ? null : Sensitivity.parse(spec.sensitivity()),
                    spec.cancelled(), null, null);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw ControlException.badRequest(e.getMessage());
        }
    }

    /** JSON-ready view of an appointment. */
    public static Map<String, Object> toJson(Appointment a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("itemId", a.itemId());
        json.put("changeKey", a.changeKey());
        json.put("subject", a.subject());
        json.put("location", a.location());
        json.put("start", a.start().toString());
        json.put("end", a.end().toString());
        json.put("timeZone", a.timeZone().getId());
        json.put("allDay", a.allDay());
        json.put("freeBusy", a.freeBusy().wireName());
        json.put("sensitivity", a.sensitivity().wireName());
        json.put("cancelled", a.cancelled());
        json.put("meeting", a.meeting());
        json.put("myResponse", a.myResponse().wireName());
        json.put("categories", a.categories());
        if (a.recurring()) {
            Recurrence r = a.recurrence();
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("pattern", r.pattern().name());
            rule.put("interval", r.interval());
            rule.put("daysOfWeek", r.daysOfWeek().stream().map(DayOfWeek::name).toList());
            rule.put("dayOfMonth", r.dayOfMonth());
            rule.put("weekIndex", r.weekIndex() == null ? null : r.weekIndex().name());
            rule.put("firstDayOfWeek", r.firstDayOfWeek().name());
            rule.put("until", r.until() == null ? null : r.until().toString());
            rule.put("count", r.count());
            json.put("recurrence", rule);
            List<Map<String, Object>> modified = new ArrayList<>();
            a.modifiedOccurrences().forEach((original, change) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("originalStart", original.toString());
                entry.put("changeKey", change.changeKey());
                entry.put("subject", change.subject());
                entry.put("location", change.location());
                entry.put("start", change.start() == null ? null : change.start().toString());
                entry.put("end", change.end() == null ? null : change.end().toString());
                entry.put("freeBusy", change.freeBusy() == null ? null : change.freeBusy().wireName());
                entry.put("sensitivity", change.sensitivity() == null ? null : change.sensitivity().wireName());
                entry.put("cancelled", change.cancelled());
                modified.add(entry);
            });
            json.put("modifiedOccurrences", modified);
            json.put("deletedOccurrences", a.deletedOccurrences().stream().map(Instant::toString).toList());
        }
        return json;
    }

    private Instant resolveStart(String start, String startIn, Integer day, String at, Integer weekOffset, ZoneId zone,
            boolean allDay, ZoneId mailboxZone) {
        if (start != null) {
            return parseTime(start, zone, allDay);
        }
        if (startIn != null) {
            Instant instant = clock.instant().plus(Duration.parse(startIn));
            return allDay ? instant.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant() : instant;
        }
        if (day != null) {
            if (day < 1 || day > 7) {
                throw new IllegalArgumentException("day must be 1 (Monday) to 7 (Sunday)");
            }
            LocalDate monday = LocalDate.now(clock.withZone(mailboxZone)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate date = monday.plusDays(day - 1L).plusWeeks(weekOffset == null ? 0 : weekOffset);
            LocalTime time = allDay || at == null ? LocalTime.MIDNIGHT : LocalTime.parse(at);
            return ZonedDateTime.of(date, time, zone).toInstant();
        }
        return null;
    }

    private static Instant resolveEnd(String end, String duration, Integer days, Instant start, ZoneId zone, boolean allDay) {
        if (end != null) {
            return parseTime(end, zone, allDay);
        }
        if (duration != null) {
            return start.plus(Duration.parse(duration));
        }
        if (allDay) {
            LocalDate first = start.atZone(zone).toLocalDate();
            return first.plusDays(days == null ? 1 : days).atStartOfDay(zone).toInstant();
        }
        return start.plus(Duration.ofMinutes(30));
    }

    static Instant parseTime(String text, ZoneId zone, boolean allDay) {
        String value = text.trim();
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            LocalDateTime local = LocalDateTime.parse(value);
            return (allDay ? local.toLocalDate().atStartOfDay() : local).atZone(zone).toInstant();
        }
    }

    static Recurrence recurrence(AppointmentSpec.RecurrenceSpec spec) {
        if (spec == null) {
            return null;
        }
        if (spec.pattern() == null) {
            throw new IllegalArgumentException("recurrence needs a pattern");
        }
        return new Recurrence(
                Recurrence.Pattern.valueOf(spec.pattern().toUpperCase(Locale.ROOT)),
                spec.interval() == null ? 1 : spec.interval(),
                spec.daysOfWeek() == null ? List.of() : spec.daysOfWeek().stream()
                        .map(d -> DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT))).toList(),
                spec.dayOfMonth() == null ? 0 : spec.dayOfMonth(),
                spec.weekIndex() == null ? null : Recurrence.WeekIndex.valueOf(spec.weekIndex().toUpperCase(Locale.ROOT)),
                spec.firstDayOfWeek() == null ? null : DayOfWeek.valueOf(spec.firstDayOfWeek().toUpperCase(Locale.ROOT)),
                spec.until() == null ? null : LocalDate.parse(spec.until()),
                spec.count());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
