package com.calroute.ewssim.operations;

import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.XmlWriter;
import org.w3c.dom.Element;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.util.List;
import java.util.Locale;

/**
 * The availability service's time zone ({@code t:SerializableTimeZone}: a bias and the yearly change to and from
 * daylight time as "the n-th weekday of a month at a wall time", n = 5 meaning the last), as GetUserAvailability
 * takes it in the request and answers the mailbox's working-hours zone with. Biases are minutes to add to local
 * time to get UTC. {@code toDaylight}/{@code toStandard} are null for a zone without daylight time.
 */
record AvailabilityTimeZone(int biasMinutes, int daylightBiasMinutes, Change toDaylight, Change toStandard) {

    /** One yearly change: on the {@code order}-th (5 = last) {@code day} of {@code month} at wall time {@code at}. */
    record Change(int month, int order, DayOfWeek day, LocalTime at) {

        LocalDateTime in(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            LocalDate date = order >= 5 ? first.with(TemporalAdjusters.lastInMonth(day))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(order, day));
            return date.atTime(at);
        }
    }

    /** {@code zone}'s rules for {@code year}, the way Windows describes them. */
    static AvailabilityTimeZone of(ZoneId zone, int year) {
        var rules = zone.getRules();
        Instant mid = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ZoneOffset standard = rules.getStandardOffset(mid);
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.size() != 2) {
            return new AvailabilityTimeZone(-standard.getTotalSeconds() / 60, 0, null, null);
        }
        Change toDaylight = null;
        Change toStandard = null;
        int daylightBias = 0;
        for (ZoneOffsetTransitionRule rule : yearly) {
            ZoneOffsetTransition transition = rule.createTransition(year);
            LocalDate date = transition.getDateTimeBefore().toLocalDate();
            boolean last = date.plusWeeks(1).getMonthValue() != date.getMonthValue();
            Change change = new Change(date.getMonthValue(), last ? 5 : (date.getDayOfMonth() - 1) / 7 + 1,
                    date.getDayOfWeek(), transition.getDateTimeBefore().toLocalTime());
            if (transition.isGap()) {
                toDaylight = change;
                daylightBias = -(transition.getOffsetAfter().getTotalSeconds() - standard.getTotalSeconds()) / 60;
            } else {
                toStandard = change;
            }
        }
        return new AvailabilityTimeZone(-standard.getTotalSeconds() / 60, daylightBias, toDaylight, toStandard);
    }

    /** Reads a {@code t:TimeZone} element; null when it is absent or unreadable (then UTC is used, as a fallback). */
    static AvailabilityTimeZone parse(Element timeZone) {
        if (timeZone == null) {
            return null;
        }
        try {
            int bias = Integer.parseInt(Dom.childText(timeZone, EwsNamespaces.TYPES, "Bias").trim());
            Element standard = Dom.child(timeZone, EwsNamespaces.TYPES, "StandardTime");
            Element daylight = Dom.child(timeZone, EwsNamespaces.TYPES, "DaylightTime");
            Change toStandard = change(standard);
            Change toDaylight = change(daylight);
            if (toStandard == null || toDaylight == null) {
                return new AvailabilityTimeZone(bias, 0, null, null);
            }
            int standardBias = Integer.parseInt(Dom.childText(standard, EwsNamespaces.TYPES, "Bias").trim());
            int daylightBias = Integer.parseInt(Dom.childText(daylight, EwsNamespaces.TYPES, "Bias").trim());
            return new AvailabilityTimeZone(bias + standardBias, daylightBias - standardBias, toDaylight, toStandard);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Change change(Element time) {
        if (time == null) {
            return null;
        }
        int month = Integer.parseInt(Dom.childText(time, EwsNamespaces.TYPES, "Month").trim());
        if (month == 0) {
            return null;
        }
        return new Change(month, Integer.parseInt(Dom.childText(time, EwsNamespaces.TYPES, "DayOrder").trim()),
                DayOfWeek.valueOf(Dom.childText(time, EwsNamespaces.TYPES, "DayOfWeek").trim().toUpperCase(Locale.ROOT)),
                LocalTime.parse(Dom.childText(time, EwsNamespaces.TYPES, "Time").trim()));
    }

    /** The offset from UTC at {@code instant}. */
    ZoneOffset offsetAt(Instant instant) {
        ZoneOffset standard = ZoneOffset.ofTotalSeconds(-biasMinutes * 60);
        if (toDaylight == null) {
            return standard;
        }
        ZoneOffset daylight = ZoneOffset.ofTotalSeconds(-(biasMinutes + daylightBiasMinutes) * 60);
        int year = instant.atOffset(standard).getYear();
        Instant daylightFrom = toDaylight.in(year).toInstant(standard);
        Instant standardFrom = toStandard.in(year).toInstant(daylight);
        boolean northern = daylightFrom.isBefore(standardFrom);
        boolean inDaylight = northern ? !instant.isBefore(daylightFrom) && instant.isBefore(standardFrom)
                : !(instant.isBefore(daylightFrom) && !instant.isBefore(standardFrom));
        return inDaylight ? daylight : standard;
    }

    /** Writes the {@code TimeZone} element (in the types namespace, as the writer's current default). */
    void write(XmlWriter w) {
        w.start("TimeZone");
        w.element("Bias", biasMinutes);
        time(w, "StandardTime", 0, toStandard);
        time(w, "DaylightTime", daylightBiasMinutes, toDaylight);
        w.end();
    }

    private static void time(XmlWriter w, String name, int bias, Change change) {
        w.start(name);
        w.element("Bias", change == null ? 0 : bias);
        w.element("Time", change == null ? "00:00:00" : change.at().toString().length() == 5
                ? change.at() + ":00" : change.at().toString());
        w.element("DayOrder", change == null ? 0 : change.order());
        w.element("Month", change == null ? 0 : change.month());
        String day = (change == null ? DayOfWeek.SUNDAY : change.day()).getDisplayName(
                java.time.format.TextStyle.FULL, Locale.ENGLISH);
        w.element("DayOfWeek", day);
        w.end();
    }
}
