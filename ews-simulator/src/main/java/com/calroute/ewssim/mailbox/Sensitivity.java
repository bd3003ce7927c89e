package com.calroute.ewssim.mailbox;

/** Exchange's item sensitivity, with its wire name. */
public enum Sensitivity {
    NORMAL("Normal"),
    PERSONAL("Personal"),
    PRIVATE("Private"),
    CONFIDENTIAL("Confidential");

    private final String wireName;

    Sensitivity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Accepts the wire name or the constant name, case-insensitively. */
    public static Sensitivity parse(String value) {
        for (Sensitivity sensitivity : values()) {
            if (sensitivity.wireName.equalsIgnoreCase(value)) {
                return sensitivity;
            }
        }
        throw new IllegalArgumentException("unknown sensitivity: " + value);
    }
}
