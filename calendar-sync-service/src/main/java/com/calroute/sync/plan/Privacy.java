package com.calroute.sync.plan;

import java.util.Locale;

/** An item's sensitivity in our own words; only {@code NORMAL} items may carry a subject or location. */
public enum Privacy {
    NORMAL, PERSONAL, PRIVATE, CONFIDENTIAL;

    /** Parses Exchange's sensitivity name; an unknown or missing one is treated as PRIVATE, the safe side. */
    public static Privacy fromExchange(String name) {
        if (name == null) {
            return PRIVATE;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "normal" -> NORMAL;
            case "personal" -> PERSONAL;
            case "confidential" -> CONFIDENTIAL;
            default -> PRIVATE;
        };
    }
}
