package com.calroute.sync.plan;

import java.util.Locale;

/** An item's free/busy status in our own words, parsed from Exchange's LegacyFreeBusyStatus names. */
public enum Busy {
    FREE, TENTATIVE, BUSY, OOF, WORKING_ELSEWHERE;

    /**
     * Parses Exchange's name ({@code Free}, {@code Tentative}, {@code Busy}, {@code OOF}, {@code WorkingElsewhere},
     * {@code NoData}). {@code NoData} and unknown names count as {@code BUSY}: an appointment exists, and calling it
     * free would route calls through a meeting the user blocked.
     */
    public static Busy fromExchange(String name) {
        if (name == null) {
            return BUSY;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "free" -> FREE;
            case "tentative" -> TENTATIVE;
            case "oof" -> OOF;
            case "workingelsewhere", "working_elsewhere" -> WORKING_ELSEWHERE;
            default -> BUSY;
        };
    }
}
