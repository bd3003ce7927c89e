package com.calroute.contracts.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.DayOfWeek;
import java.util.List;

/**
 * A mailbox's working hours as set in Outlook: the IANA {@code timeZone} they are kept in and one or more
 * {@code periods}, each a set of week days with a start and end in minutes after local midnight (end exclusive, at
 * most 1440). A time outside every period is outside working hours.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkingHours(String timeZone, List<Period> periods) {

    /** Week days with the same working hours, from {@code startMinute} to {@code endMinute} local time. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Period(List<DayOfWeek> days, int startMinute, int endMinute) {
    }
}
