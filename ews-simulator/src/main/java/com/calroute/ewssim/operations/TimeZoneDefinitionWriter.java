package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.WindowsTimeZones;
import com.calroute.ewssim.soap.XmlWriter;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * Writes a full EWS time-zone definition (TimeZoneDefinitionType: Periods, TransitionsGroups, Transitions), as
 * Exchange 2010 SP1 and later put in StartTimeZone/EndTimeZone and GetServerTimeZones answers, derived from the
 * zone's current rules. Biases follow the Windows convention Exchange uses (UTC minus local time, so Oslo's standard
 * period is {@code -P0DT1H0M0.0S}); a transition's TimeOffset is the local wall time before it, and the day is the
 * n-th (or last, {@code -1}) weekday of the month, as in the Windows registry rules these definitions come from.
 */
public final class TimeZoneDefinitionWriter {
    private static final String RULE_PREFIX = "trule:Microsoft/Registry/";
    /** The base year Exchange's period ids carry for rules that did not change since. */
    private static final int RULE_YEAR = 2006;

    private TimeZoneDefinitionWriter() {
    }

    /** Writes {@code element} (e.g. {@code t:StartTimeZone}) with Id, Name and, when {@code full}, the rules. */
    public static void write(XmlWriter w, String element, ZoneId zone, boolean full) {
        WindowsTimeZones.WindowsZone windows = WindowsTimeZones.of(zone);
        w.start(element).attr("Id", windows.id()).attr("Name", windows.displayName());
        if (full) {
            writeRules(w, windows.id(), zone.getRules());
        }
        w.end();
    }

    private static void writeRules(XmlWriter w, String id, ZoneRules rules) {
        List<ZoneOffsetTransitionRule> transitions = rules.getTransitionRules();
        String standard = RULE_PREFIX + id + "/" + RULE_YEAR + "-Standard";
        String daylight = RULE_PREFIX + id + "/" + RULE_YEAR + "-Daylight";
        ZoneOffset standardOffset = transitions.isEmpty() ? rules.getStandardOffset(Instant.now())
                : transitions.get(0).getStandardOffset();
        boolean observesDaylight = transitions.size() == 2;
        w.start("t:Periods");
        period(w, standard, "Standard", standardOffset);
        if (observesDaylight) {
            ZoneOffset daylightOffset = transitions.stream().map(ZoneOffsetTransitionRule::getOffsetAfter)
                    .filter(offset -> !offset.equals(standardOffset)).findFirst().orElse(standardOffset);
            period(w, daylight, "Daylight", daylightOffset);
        }
        w.end();
        w.start("t:TransitionsGroups").start("t:TransitionsGroup").attr("Id", "0");
        if (observesDaylight) {
            for (ZoneOffsetTransitionRule rule : transitions) {
                recurringDay(w, rule, rule.getOffsetAfter().equals(standardOffset) ? standard : daylight);
            }
        } else {
            w.start("t:Transition").start("t:To").attr("Kind", "Period").text(standard).end().end();
        }
        w.end().end();
        w.start("t:Transitions").start("t:Transition").start("t:To").attr("Kind", "Group").text("0").end().end().end();
    }

    private static void period(XmlWriter w, String periodId, String name, ZoneOffset offset) {
        w.start("t:Period").attr("Bias", duration(-offset.getTotalSeconds())).attr("Name", name).attr("Id", periodId).end();
    }

    private static void recurringDay(XmlWriter w, ZoneOffsetTransitionRule rule, String toPeriod) {
        LocalDateTime wallBefore = rule.getTimeDefinition().createDateTime(
                LocalDate.of(2001, 1, 1).atTime(rule.getLocalTime()).plusDays(rule.isMidnightEndOfDay() ? 1 : 0),
                rule.getStandardOffset(), rule.getOffsetBefore());
        long offsetSeconds = Duration.between(LocalDate.of(2001, 1, 1).atStartOfDay(), wallBefore).getSeconds();
        w.start("t:RecurringDayTransition");
        w.start("t:To").attr("Kind", "Period").text(toPeriod).end();
        w.element("t:TimeOffset", duration(offsetSeconds));
        w.element("t:Month", rule.getMonth().getValue());
        w.element("t:DayOfWeek", dayName(rule.getDayOfWeek() == null ? DayOfWeek.SUNDAY : rule.getDayOfWeek()));
        w.element("t:Occurrence", occurrence(rule));
        w.end();
    }

    /** The n-th weekday of the month (1..4), or -1 for the last, from java.time's "on or after day N" form. */
    private static int occurrence(ZoneOffsetTransitionRule rule) {
        int indicator = rule.getDayOfMonthIndicator();
        if (indicator < 0 || indicator > rule.getMonth().minLength() - 7) {
            return -1;
        }
        return (indicator - 1) / 7 + 1;
    }

    /** An xs:duration in the form Exchange writes, e.g. {@code -P0DT1H0M0.0S}. */
    static String duration(long seconds) {
        long magnitude = Math.abs(seconds);
        return (seconds < 0 ? "-" : "") + "P" + magnitude / 86_400 + "DT" + magnitude % 86_400 / 3600 + "H"
                + magnitude % 3600 / 60 + "M" + magnitude % 60 + ".0S";
    }

    private static String dayName(DayOfWeek day) {
        String name = day.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
