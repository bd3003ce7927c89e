package com.calroute.sync.plan;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the time-zone id Exchange reveals for an item (a Windows id such as {@code W. Europe Standard Time}, or
 * already an IANA id) into an IANA zone, using the territory-neutral ("001") rows of CLDR's windowsZones table for
 * the zones Norwegian and European tenants meet, plus the common world zones.
 */
public final class TimeZones {

    private static final Map<String, String> WINDOWS_TO_IANA = Map.ofEntries(
            Map.entry("Dateline Standard Time", "Etc/GMT+12"),
            Map.entry("UTC-11", "Etc/GMT+11"),
            Map.entry("Hawaiian Standard Time", "Pacific/Honolulu"),
            Map.entry("Alaskan Standard Time", "America/Anchorage"),
            Map.entry("Pacific Standard Time", "America/Los_Angeles"),
            Map.entry("US Mountain Standard Time", "America/Phoenix"),
            Map.entry("Mountain Standard Time", "America/Denver"),
            Map.entry("Central America Standard Time", "America/Guatemala"),
            Map.entry("Central Standard Time", "America/Chicago"),
            Map.entry("Central Standard Time (Mexico)", "America/Mexico_City"),
            Map.entry("Canada Central Standard Time", "America/Regina"),
            Map.entry("SA Pacific Standard Time", "America/Bogota"),
            Map.entry("Eastern Standard Time", "America/New_York"),
            Map.entry("US Eastern Standard Time", "America/Indiana/Indianapolis"),
            Map.entry("Atlantic Standard Time", "America/Halifax"),
            Map.entry("Newfoundland Standard Time", "America/St_Johns"),
            Map.entry("E. South America Standard Time", "America/Sao_Paulo"),
            Map.entry("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
            Map.entry("Greenland Standard Time", "America/Godthab"),
            Map.entry("UTC", "Etc/UTC"),
            Map.entry("GMT Standard Time", "Europe/London"),
            Map.entry("Greenwich Standard Time", "Atlantic/Reykjavik"),
            Map.entry("Morocco Standard Time", "Africa/Casablanca"),
            Map.entry("W. Europe Standard Time", "Europe/Berlin"),
            Map.entry("Central Europe Standard Time", "Europe/Budapest"),
            Map.entry("Romance Standard Time", "Europe/Paris"),
            Map.entry("Central European Standard Time", "Europe/Warsaw"),
            Map.entry("W. Central Africa Standard Time", "Africa/Lagos"),
            Map.entry("GTB Standard Time", "Europe/Bucharest"),
            Map.entry("FLE Standard Time", "Europe/Kiev"),
            Map.entry("E. Europe Standard Time", "Europe/Chisinau"),
            Map.entry("Kaliningrad Standard Time", "Europe/Kaliningrad"),
            Map.entry("Egypt Standard Time", "Africa/Cairo"),
            Map.entry("South Africa Standard Time", "Africa/Johannesburg"),
            Map.entry("Israel Standard Time", "Asia/Jerusalem"),
            Map.entry("Turkey Standard Time", "Europe/Istanbul"),
            Map.entry("Belarus Standard Time", "Europe/Minsk"),
            Map.entry("Russian Standard Time", "Europe/Moscow"),
            Map.entry("E. Africa Standard Time", "Africa/Nairobi"),
            Map.entry("Arabic Standard Time", "Asia/Baghdad"),
            Map.entry("Arab Standard Time", "Asia/Riyadh"),
            Map.entry("Iran Standard Time", "Asia/Tehran"),
            Map.entry("Arabian Standard Time", "Asia/Dubai"),
            Map.entry("Pakistan Standard Time", "Asia/Karachi"),
            Map.entry("India Standard Time", "Asia/Kolkata"),
            Map.entry("Nepal Standard Time", "Asia/Kathmandu"),
            Map.entry("Bangladesh Standard Time", "Asia/Dhaka"),
            Map.entry("SE Asia Standard Time", "Asia/Bangkok"),
            Map.entry("China Standard Time", "Asia/Shanghai"),
            Map.entry("Singapore Standard Time", "Asia/Singapore"),
            Map.entry("Taipei Standard Time", "Asia/Taipei"),
            Map.entry("Tokyo Standard Time", "Asia/Tokyo"),
            Map.entry("Korea Standard Time", "Asia/Seoul"),
            Map.entry("W. Australia Standard Time", "Australia/Perth"),
            Map.entry("Cen. Australia Standard Time", "Australia/Adelaide"),
            Map.entry("E. Australia Standard Time", "Australia/Brisbane"),
            Map.entry("AUS Eastern Standard Time", "Australia/Sydney"),
            Map.entry("New Zealand Standard Time", "Pacific/Auckland"));

    private TimeZones() {
    }

    /** The IANA zone for a Windows or IANA id; empty when the id is missing or unknown. */
    public static Optional<ZoneId> toIana(String exchangeZoneId) {
        if (exchangeZoneId == null || exchangeZoneId.isBlank()) {
            return Optional.empty();
        }
        String trimmed = exchangeZoneId.trim();
        String mapped = WINDOWS_TO_IANA.get(trimmed);
        if (mapped != null) {
            return Optional.of(ZoneId.of(mapped));
        }
        if (trimmed.contains("/")) {
            try {
                return Optional.of(ZoneId.of(trimmed));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The IANA zone whose rules are the ones the availability service describes (EWS {@code SerializableTimeZone}:
     * UTC = local time + {@code biasMinutes}, plus {@code daylightBiasMinutes} during daylight time, which starts and
     * ends at the given yearly changes; both null for a zone without daylight time), as they hold in {@code year}.
     * Candidates are {@code preferred} first, then the zones of the Windows table; empty when none matches. The
     * availability service names no zone, so matching the rules is the only way to know which zone is meant.
     */
    public static Optional<ZoneId> fromAvailability(int biasMinutes, int daylightBiasMinutes, YearlyChange toDaylight,
                                                    YearlyChange toStandard, int year, ZoneId preferred) {
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        if (preferred != null) {
            candidates.add(preferred.getId());
        }
        candidates.addAll(NORDIC_FIRST);
        WINDOWS_TO_IANA.values().stream().sorted().forEach(candidates::add);
        for (String id : candidates) {
            ZoneId zone = ZoneId.of(id);
            if (sameRules(zone, biasMinutes, daylightBiasMinutes, toDaylight, toStandard, year)) {
                return Optional.of(zone);
            }
        }
        return Optional.empty();
    }

    /** Nordic zones first, so a Norwegian mailbox is Europe/Oslo rather than another zone with the same rules. */
    private static final List<String> NORDIC_FIRST = List.of("Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen",
            "Europe/Helsinki", "Atlantic/Reykjavik", "Europe/London", "UTC");

    /** One yearly change of the availability time zone: the {@code order}-th (5 = last) {@code day} of a month. */
    public record YearlyChange(int month, int order, DayOfWeek day, LocalTime at) {

        LocalDateTime in(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            LocalDate date = order >= 5 ? first.with(TemporalAdjusters.lastInMonth(day))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(Math.max(1, order), day));
            return date.atTime(at);
        }
    }

    private static boolean sameRules(ZoneId zone, int bias, int daylightBias, YearlyChange toDaylight,
                                     YearlyChange toStandard, int year) {
        ZoneRules rules = zone.getRules();
        ZoneOffset standard = ZoneOffset.ofTotalSeconds(-bias * 60);
        Instant midYear = LocalDate.of(year, 7, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!rules.getStandardOffset(midYear).equals(standard)) {
            return false;
        }
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (ZoneOffsetTransition next = rules.nextTransition(from); next != null
                && next.getInstant().isBefore(to); next = rules.nextTransition(next.getInstant())) {
            changes.add(next);
        }
        if (toDaylight == null || toStandard == null) {
            return changes.isEmpty();
        }
        if (changes.size() != 2) {
            return false;
        }
        ZoneOffset daylight = ZoneOffset.ofTotalSeconds(-(bias + daylightBias) * 60);
        for (ZoneOffsetTransition change : changes) {
            YearlyChange expected = change.isGap() ? toDaylight : toStandard;
            ZoneOffset after = change.isGap() ? daylight : standard;
            if (!change.getDateTimeBefore().equals(expected.in(year)) || !change.getOffsetAfter().equals(after)) {
                return false;
            }
        }
        return true;
    }
}
