package com.calroute.ewssim.mailbox;

/** Exchange's legacy free/busy status of a calendar item, with its wire name. */
public enum FreeBusyStatus {
    FREE("Free"),
    TENTATIVE("Tentative"),
    BUSY("Busy"),
    OOF("OOF"),
    WORKING_ELSEWHERE("WorkingElsewhere"),
    NO_DATA("NoData");

    private final String wireName;

    FreeBusyStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Accepts the wire name ("WorkingElsewhere") or the constant name ("WORKING_ELSEWHERE"), case-insensitively. */
    public static FreeBusyStatus parse(String value) {
        for (FreeBusyStatus status : values()) {
            if (status.wireName.equalsIgnoreCase(value) || status.name().equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown free/busy status: " + value);
    }
}
