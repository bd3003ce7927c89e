package com.calroute.ewssim.mailbox;

import java.time.ZoneId;
import java.util.Map;

/**
 * Maps IANA zones to the Windows time-zone ids and display names Exchange puts in StartTimeZone and TimeZone.
 * Covers the zones a Nordic/European customer base uses; other zones fall back to their IANA id.
 */
public final class WindowsTimeZones {
    /** A Windows time zone as Exchange names it. */
    public record WindowsZone(String id, String displayName) {
    }

    private static final Map<String, WindowsZone> ZONES = Map.ofEntries(
            Map.entry("UTC", new WindowsZone("UTC", "(UTC) Coordinated Universal Time")),
            Map.entry("Etc/UTC", new WindowsZone("UTC", "(UTC) Coordinated Universal Time")),
            Map.entry("Europe/Oslo", new WindowsZone("W. Europe Standard Time", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")),
            Map.entry("Europe/Stockholm", new WindowsZone("W. Europe Standard Time", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")),
            Map.entry("Europe/Berlin", new WindowsZone("W. Europe Standard Time", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")),
            Map.entry("Europe/Amsterdam", new WindowsZone("W. Europe Standard Time", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")),
            Map.entry("Europe/Copenhagen", new WindowsZone("Romance Standard Time", "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris")),
            Map.entry("Europe/Paris", new WindowsZone("Romance Standard Time", "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris")),
            Map.entry("Europe/Helsinki", new WindowsZone("FLE Standard Time", "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius")),
            Map.entry("Europe/London", new WindowsZone("GMT Standard Time", "(UTC+00:00) Dublin, Edinburgh, Lisbon, London")),
            Map.entry("Atlantic/Reykjavik", new WindowsZone("Greenwich Standard Time", "(UTC+00:00) Monrovia, Reykjavik")),
            Map.entry("America/New_York", new WindowsZone("Eastern Standard Time", "(UTC-05:00) Eastern Time (US & Canada)")),
            Map.entry("America/Chicago", new WindowsZone("Central Standard Time", "(UTC-06:00) Central Time (US & Canada)")),
            Map.entry("America/Los_Angeles", new WindowsZone("Pacific Standard Time", "(UTC-08:00) Pacific Time (US & Canada)")),
            Map.entry("Asia/Tokyo", new WindowsZone("Tokyo Standard Time", "(UTC+09:00) Osaka, Sapporo, Tokyo")),
            Map.entry("Asia/Kolkata", new WindowsZone("India Standard Time", "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi")),
            Map.entry("Australia/Sydney", new WindowsZone("AUS Eastern Standard Time", "(UTC+10:00) Canberra, Melbourne, Sydney")));

    private WindowsTimeZones() {
    }

    public static WindowsZone of(ZoneId zone) {
        WindowsZone known = ZONES.get(zone.getId());
        return known != null ? known : new WindowsZone(zone.getId(), zone.getId());
    }

    /** Every Windows zone the simulator knows, by id, each with the IANA zone whose rules it is written from. */
    public static java.util.SortedMap<String, ZoneId> known() {
        java.util.SortedMap<String, ZoneId> zones = new java.util.TreeMap<>();
        ZONES.values().forEach(zone -> zones.put(zone.id(), toZone(zone.id())));
        return zones;
    }

    /** The zone a Windows id (as Graph accepts in {@code dateTimeTimeZone}) or an IANA id names. */
    public static ZoneId toZone(String name) {
        if ("UTC".equalsIgnoreCase(name)) {
            return ZoneId.of("UTC");
        }
        return ZONES.entrySet().stream().filter(entry -> entry.getValue().id().equals(name))
                .map(entry -> ZoneId.of(entry.getKey())).sorted(java.util.Comparator.comparing(ZoneId::getId))
                .findFirst().orElseGet(() -> ZoneId.of(name));
    }
}
