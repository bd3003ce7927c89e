package com.calroute.sync.plan;

import java.time.DateTimeException;
import java.time.ZoneId;
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
}
