package com.calroute.ewssim.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An appointment as the control API and scenario files describe it. Times are absolute ({@code start}/{@code end}:
 * an instant with offset, a local date-time in {@code timeZone}, or a date for all-day items) or relative
 * ({@code startIn}: ISO duration from now; or {@code day} 1–7 = Monday–Sunday of the current week in the
 * mailbox's zone plus {@code at} "HH:mm" and optional {@code weekOffset}), with {@code duration} or {@code days}
 * (all-day) giving the end. {@code categories} are Outlook category names.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentSpec(
        String subject,
        String location,
        String body,
        String start,
        String end,
        String startIn,
        Integer day,
        String at,
        Integer weekOffset,
        String duration,
        Integer days,
        String timeZone,
        Boolean allDay,
        String freeBusy,
        String sensitivity,
        Boolean cancelled,
        Boolean meeting,
        RecurrenceSpec recurrence,
        List<OccurrenceSpec> occurrences,
        String myResponse,
        List<String> categories) {

    /** The form without {@code categories}, kept for callers written before it. */
    public AppointmentSpec(String subject, String location, String body, String start, String end, String startIn,
                           Integer day, String at, Integer weekOffset, String duration, Integer days, String timeZone,
                           Boolean allDay, String freeBusy, String sensitivity, Boolean cancelled, Boolean meeting,
                           RecurrenceSpec recurrence, List<OccurrenceSpec> occurrences, String myResponse) {
        this(subject, location, body, start, end, startIn, day, at, weekOffset, duration, days, timeZone, allDay,
                freeBusy, sensitivity, cancelled, meeting, recurrence, occurrences, myResponse, null);
    }

    /** The form without {@code myResponse} (the owner's own appointment), kept for callers written before it. */
    public AppointmentSpec(String subject, String location, String body, String start, String end, String startIn,
                           Integer day, String at, Integer weekOffset, String duration, Integer days, String timeZone,
                           Boolean allDay, String freeBusy, String sensitivity, Boolean cancelled, Boolean meeting,
                           RecurrenceSpec recurrence, List<OccurrenceSpec> occurrences) {
        this(subject, location, body, start, end, startIn, day, at, weekOffset, duration, days, timeZone, allDay,
                freeBusy, sensitivity, cancelled, meeting, recurrence, occurrences, null);
    }

    /** A recurrence rule: pattern DAILY, WEEKLY, MONTHLY or RELATIVE_MONTHLY; until (date) or count or neither. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecurrenceSpec(String pattern, Integer interval, List<String> daysOfWeek, Integer dayOfMonth,
            String weekIndex, String firstDayOfWeek, String until, Integer count) {
    }

    /**
     * A change to one occurrence, named by {@code originalStart} (instant) or {@code index} (1-based position in
     * the series): {@code deleted: true}, or new field values; {@code at} ("HH:mm") moves it within its own day.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OccurrenceSpec(String originalStart, Integer index, Boolean deleted, String subject, String location,
            String start, String end, String startIn, String duration, String freeBusy, String sensitivity,
            Boolean cancelled, String at) {

        /** The form without {@code at}, kept for callers written before it existed. */
        public OccurrenceSpec(String originalStart, Integer index, Boolean deleted, String subject, String location,
                String start, String end, String startIn, String duration, String freeBusy, String sensitivity,
                Boolean cancelled) {
            this(originalStart, index, deleted, subject, location, start, end, startIn, duration, freeBusy, sensitivity,
                    cancelled, null);
        }
    }
}
