package com.calroute.routing.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The short text a route lookup offers an IVR or an SMS to the caller: the employee's state and until when, in the
 * tenant's language and time zone — "Kari Nordmann er i møte til 14:00", "Kari Nordmann er borte til mandag
 * 2. januar", "Kari Nordmann is in a meeting until 14:00". State and end only: never a subject, a location, a code or
 * where the call goes. An end later today reads as a time, an end at midnight as the day it ends on, any other end as
 * that day and time; an open end says no "until". Nothing is said while the employee is available.
 *
 * <p>The text is made at each lookup (a time-zone conversion and a few joins, only while the employee is not
 * available) rather than kept on the employee: with a million users nearly every lookup is a different employee's
 * first, and keeping it wrote a new object into the long-lived table at each one — tens of thousands of dirty cards
 * that G1's young pauses had to scan, doubling them (routing-service/README.md). Weekday and month names are spelled
 * here rather than taken from the JDK's locale data, which differs between JDKs.
 */
public final class CallerAnnouncement {

    /** The languages announcements are made in. */
    public enum Language {
        /** Norwegian bokmål. */
        NB,
        /** English. */
        EN;

        /** Bokmål for Norway (and Svalbard), English everywhere else. */
        public static Language ofCountry(String country) {
            return "NO".equals(country) || "SJ".equals(country) ? NB : EN;
        }
    }

    /** The longest name said; longer display names are cut. */
    static final int MAX_NAME_LENGTH = 100;

    private static final String[] NB_DAYS = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};
    private static final String[] NB_MONTHS = {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
            "september", "oktober", "november", "desember"};
    private static final String[] EN_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday"};
    private static final String[] EN_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};

    private final String name;
    private final Language language;
    private final ZoneId zone;

    /** Announcements of {@code displayName} (null: "the person you are calling") in a language and zone. */
    public CallerAnnouncement(String displayName, Language language, ZoneId zone) {
        this.name = clean(displayName);
        this.language = Objects.requireNonNull(language, "language");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The text for the employee's own status at {@code now}; null while they are available. */
    public String at(Status own, Instant now) {
        return format(own.state(), own.until(), now);
    }

    /**
     * The text for {@code state} until {@code until} (null: open), said at {@code now}; null for AVAILABLE. An end on
     * the day it is said reads as a time, an end at midnight as the day, any other as the day and time.
     */
    public String format(State state, Instant until, Instant now) {
        if (state == State.AVAILABLE) {
            return null;
        }
        String who = name != null ? name : language == Language.NB ? "Den du ringer" : "The person you are calling";
        String sentence = who + " " + phrase(state);
        if (until == null) {
            return sentence;
        }
        ZonedDateTime end = until.atZone(zone);
        LocalDate endDay = end.toLocalDate();
        String time = twoDigits(end.getHour()) + ":" + twoDigits(end.getMinute());
        boolean atMidnight = end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        String untilWord = language == Language.NB ? " til " : " until ";
        if (!atMidnight && !now.isBefore(endDay.atStartOfDay(zone).toInstant())) {
            return sentence + untilWord + time;
        }
        String day = language == Language.NB
                ? NB_DAYS[endDay.getDayOfWeek().ordinal()] + " " + endDay.getDayOfMonth() + ". "
                        + NB_MONTHS[endDay.getMonthValue() - 1]
                : EN_DAYS[endDay.getDayOfWeek().ordinal()] + " " + endDay.getDayOfMonth() + " "
                        + EN_MONTHS[endDay.getMonthValue() - 1];
        String atWord = language == Language.NB ? " kl. " : " at ";
        return sentence + untilWord + day + (atMidnight ? "" : atWord + time);
    }

    private String phrase(State state) {
        boolean nb = language == Language.NB;
        return switch (state) {
            case BUSY -> nb ? "er i møte" : "is in a meeting";
            case OOF -> nb ? "er borte" : "is away";
            case TENTATIVE -> nb ? "er kanskje opptatt" : "may be busy";
            case WORKING_ELSEWHERE -> nb ? "jobber et annet sted" : "is working elsewhere";
            case OUTSIDE_WORKING_HOURS -> nb ? "er ikke på jobb" : "is off work";
            case OVERRIDE -> nb ? "er ikke tilgjengelig" : "is unavailable";
            case AVAILABLE -> throw new IllegalArgumentException("nothing is announced while available");
        };
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    /** The display name without control characters and surrounding blanks, cut to a bound; null when nothing is left. */
    private static String clean(String displayName) {
        if (displayName == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        displayName.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
        String name = kept.toString().strip();
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(0, MAX_NAME_LENGTH).strip();
        }
        return name.isEmpty() ? null : name;
    }
}
