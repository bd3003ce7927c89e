package com.calroute.ewssim.mailbox;

/**
 * Exchange's legacy free/busy status of a calendar item, with its wire name and the value the store keeps in the
 * MAPI property PidLidBusyStatus (0 free … 4 working elsewhere; NoData has none).
 */
public enum FreeBusyStatus {
    FREE("Free", 0),
    TENTATIVE("Tentative", 1),
    BUSY("Busy", 2),
    OOF("OOF", 3),
    WORKING_ELSEWHERE("WorkingElsewhere", 4),
    NO_DATA("NoData", null);

    private final String wireName;
    private final Integer mapiValue;

    FreeBusyStatus(String wireName, Integer mapiValue) {
        this.wireName = wireName;
        this.mapiValue = mapiValue;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The wire name for a client speaking a schema without WorkingElsewhere (request versions before Exchange2013):
     * Exchange shows such a client the item as Busy, as ActiveSync does for protocol versions before 16.0.
     */
    public String wireName(boolean clientKnowsWorkingElsewhere) {
        return this == WORKING_ELSEWHERE && !clientKnowsWorkingElsewhere ? BUSY.wireName : wireName;
    }

    /** The PidLidBusyStatus value (PSETID_Appointment, 0x8205, PT_LONG) the store holds, or null for NoData. */
    public Integer mapiValue() {
        return mapiValue;
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
