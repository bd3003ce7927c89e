package com.calroute.routing.decisions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A decision as one line an employee reads in the console, in bokmål or English, in the tenant's time zone:
 * "10:42 fra …567 → talepost: Opptatt i Outlook-avtale 10:00–11:00". Built from the decision's data only, so it can
 * never show more than the record holds (no subject).
 */
public final class DecisionText {

    /** The console's two languages. */
    public enum Language {
        /** Norwegian bokmål, the default. */
        NB,
        /** English. */
        EN;

        /** English when the request's Accept-Language prefers it, otherwise bokmål. */
        public static Language of(String acceptLanguage) {
            return acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en") ? EN : NB;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter NB_DAY = DateTimeFormatter.ofPattern("d.M. HH:mm");
    private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private DecisionText() {
    }

    /** The line for {@code decision}, times in {@code zone}. */
    public static String of(Decision decision, ZoneId zone, Language language) {
        boolean nb = language == Language.NB;
        LocalDate day = decision.at().atZone(zone).toLocalDate();
        StringBuilder text = new StringBuilder(80);
        text.append(TIME.format(decision.at().atZone(zone))).append(' ');
        if (decision.caller() == null) {
            text.append(nb ? "fra ukjent nummer" : "from an unknown number");
        } else {
            text.append(nb ? "fra " : "from ").append(decision.caller());
        }
        text.append(" → ").append(action(decision, nb)).append(": ");
        if (decision.ringThrough() != null) {
            text.append(ringThrough(decision.ringThrough(), nb)).append(nb ? " slipper gjennom — " : " rings through — ");
        }
        if (decision.forwardLoop()) {
            text.append(nb ? "viderekoblingen gikk i ring — " : "the forwards went round in a loop — ");
        }
        text.append(reason(decision, nb));
        String interval = interval(decision.from(), decision.until(), zone, day, nb);
        if (!interval.isEmpty()) {
            text.append(' ').append(interval);
        }
        return text.toString();
    }

    private static String action(Decision d, boolean nb) {
        return switch (d.action()) {
            case "RING" -> nb ? "ringer" : "rings";
            case "VOICEMAIL" -> nb ? "talepost" : "voicemail";
            case "FORWARD" -> (nb ? "viderekoblet til " : "forwarded to ") + d.target();
            case "SWITCHBOARD" -> nb ? "sentralbordet" : "switchboard";
            case "BUSY" -> nb ? "opptattsignal" : "busy signal";
            default -> d.action();
        };
    }

    private static String ringThrough(String why, boolean nb) {
        return switch (why) {
            case "PRIORITY_CALLER" -> nb ? "prioritert innringer" : "priority caller";
            case "COLLEAGUE" -> nb ? "kollega" : "colleague";
            default -> why;
        };
    }

    private static String reason(Decision d, boolean nb) {
        return switch (d.source()) {
            case "CALENDAR" -> calendar(d.busyType(), nb) + marked(d, nb);
            case "AUTOMATIC_REPLIES" -> nb ? "Automatiske svar er på i Outlook" : "Automatic replies are on in Outlook";
            case "WORKING_HOURS" -> nb ? "Utenfor arbeidstid" : "Outside working hours";
            case "OVERRIDE" -> nb ? "Manuell overstyring" : "Manual override";
            case "DEFAULT" -> nb ? "Ingen avtale i Outlook" : "No appointment in Outlook";
            case "UNKNOWN" -> nb ? "Kalenderen er ukjent" : "Calendar not known";
            default -> d.source();
        };
    }

    private static String calendar(String busyType, boolean nb) {
        if (busyType == null) {
            return nb ? "Outlook-avtale" : "Outlook appointment";
        }
        return switch (busyType) {
            case "BUSY" -> nb ? "Opptatt i Outlook-avtale" : "Busy in an Outlook appointment";
            case "TENTATIVE" -> nb ? "Foreløpig i Outlook-avtale" : "Tentative in an Outlook appointment";
            case "OOF" -> nb ? "Borte (Outlook-avtale)" : "Out of office (Outlook appointment)";
            case "WORKING_ELSEWHERE" -> nb ? "Arbeider et annet sted (Outlook-avtale)"
                    : "Working elsewhere (Outlook appointment)";
            case "FREE" -> nb ? "Ledig i Outlook-avtale" : "Free in an Outlook appointment";
            default -> busyType;
        };
    }

    /** The code or category the item was marked with, and that it only showed the state while the call rang. */
    private static String marked(Decision d, boolean nb) {
        String by = d.subjectCode() != null ? (nb ? "kode " : "code ") + d.subjectCode() + (d.showOnly() ? ";" : ":")
                : d.category() != null ? (nb ? "kategori " : "category ") + d.category() : null;
        String shown = d.showOnly() ? (nb ? "bare vist, samtalen ringer" : "shown only, the call rings") : null;
        if (by == null && shown == null) {
            return "";
        }
        return " (" + (by == null ? shown : shown == null ? by : by + ", " + shown) + ")";
    }

    private static String interval(Instant from, Instant until, ZoneId zone, LocalDate day, boolean nb) {
        if (from != null && until != null) {
            return time(from, zone, day, nb) + "–" + time(until, zone, day, nb);
        }
        if (until != null) {
            return (nb ? "til " : "until ") + time(until, zone, day, nb);
        }
        if (from != null) {
            return (nb ? "fra " : "since ") + time(from, zone, day, nb);
        }
        return "";
    }

    /** Just the time on the decision's own day; the date too on any other. */
    private static String time(Instant t, ZoneId zone, LocalDate day, boolean nb) {
        ZonedDateTime local = t.atZone(zone);
        if (local.toLocalDate().equals(day)) {
            return TIME.format(local);
        }
        return (nb ? NB_DAY : EN_DAY).format(local);
    }
}
