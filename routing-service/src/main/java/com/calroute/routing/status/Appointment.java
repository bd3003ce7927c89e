package com.calroute.routing.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One calendar item (an occurrence of a recurring series). Timed items are the instants {@code start..end}.
 * All-day items cover whole local days {@code startDate..endDate} (end exclusive) in their own {@code timeZone}
 * where Exchange revealed it, else in the tenant's zone: the instants the sync computed for them are only used
 * when the local dates are missing. Zero-length and inverted items are rejected: they cannot be placed in time.
 * {@code subjectCode} (with the {@code subjectCodeMark} typed after it) and {@code category} are the tenant's code or
 * category the item matched, which {@link ItemMeanings} give a meaning; null when none.
 */
public record Appointment(
        String itemId,
        Instant start,
        Instant end,
        boolean allDay,
        LocalDate startDate,
        LocalDate endDate,
        ZoneId timeZone,
        FreeBusy busyType,
        boolean cancelled,
        String subject,
        Response response,
        String subjectCode,
        String subjectCodeMark,
        String category) {

    /** An item that matched no subject code or category. */
    public Appointment(String itemId, Instant start, Instant end, boolean allDay, LocalDate startDate, LocalDate endDate,
                       ZoneId timeZone, FreeBusy busyType, boolean cancelled, String subject, Response response) {
        this(itemId, start, end, allDay, startDate, endDate, timeZone, busyType, cancelled, subject, response, null, null,
                null);
    }

    /** Validates that the item covers a positive span of time. */
    public Appointment {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(busyType, "busyType");
        if (allDay && startDate != null && endDate != null) {
            if (!startDate.isBefore(endDate)) {
                throw new IllegalArgumentException("all-day item " + itemId + " has "
                        + (startDate.equals(endDate) ? "zero length" : "an end before its start")
                        + ": " + startDate + " .. " + endDate);
            }
        } else {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("item " + itemId + " has "
                        + (start.equals(end) ? "zero length" : "an end before its start") + ": " + start + " .. " + end);
            }
        }
    }

    /** A timed item. */
    public static Appointment timed(String itemId, Instant start, Instant end, FreeBusy busyType) {
        return new Appointment(itemId, start, end, false, null, null, null, busyType, false, null, null);
    }

    /** An all-day item on local dates, in its own zone ({@code null}: the tenant's). */
    public static Appointment allDay(String itemId, LocalDate startDate, LocalDate endDate, ZoneId zone,
                                     FreeBusy busyType) {
        return new Appointment(itemId, null, null, true, startDate, endDate, zone, busyType, false, null, null);
    }

    /** Whether the item can change routing at all: FREE and cancelled items never do. */
    public boolean routes() {
        return busyType != FreeBusy.FREE && !cancelled;
    }

    /**
     * The item as it counts for its owner's calls, or null when it does not count: a declined meeting never does;
     * an unanswered invitation as the owner chose (as shown, tentative at most, or not at all).
     */
    public Appointment countedAs(UnansweredInvitations unanswered) {
        if (response == Response.DECLINED) {
            return null;
        }
        if (response != Response.NOT_RESPONDED || unanswered == UnansweredInvitations.AS_SHOWN) {
            return this;
        }
        if (unanswered == UnansweredInvitations.IGNORE || busyType == FreeBusy.FREE) {
            return null;
        }
        return withBusyType(FreeBusy.TENTATIVE);
    }

    /** The same item with another busy type (what its code or category means, or a capped invitation). */
    public Appointment withBusyType(FreeBusy type) {
        return new Appointment(itemId, start, end, allDay, startDate, endDate, timeZone, type, cancelled, subject,
                response, subjectCode, subjectCodeMark, category);
    }

    /** The same item carrying a subject code (with its mark) and a category. */
    public Appointment labelled(String code, String mark, String categoryName) {
        return new Appointment(itemId, start, end, allDay, startDate, endDate, timeZone, busyType, cancelled, subject,
                response, code, mark, categoryName);
    }

    /** The instant the item starts, all-day items placed in their zone or else {@code tenantZone}. */
    public Instant effectiveStart(ZoneId tenantZone) {
        return usesLocalDates() ? startDate.atStartOfDay(zoneOr(tenantZone)).toInstant() : start;
    }

    /** The instant the item ends (exclusive), all-day items placed in their zone or else {@code tenantZone}. */
    public Instant effectiveEnd(ZoneId tenantZone) {
        return usesLocalDates() ? endDate.atStartOfDay(zoneOr(tenantZone)).toInstant() : end;
    }

    private boolean usesLocalDates() {
        return allDay && startDate != null && endDate != null;
    }

    private ZoneId zoneOr(ZoneId tenantZone) {
        return timeZone != null ? timeZone : tenantZone;
    }
}
