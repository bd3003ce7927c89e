package com.calroute.routing.status;

/** The reason of a status: the winning calendar item and its busy type, the override, or no item at all. */
public record Reason(Source source, FreeBusy busyType, String itemId, String subject) {

    /** No item applies inside the known calendar window. */
    public static final Reason DEFAULT = new Reason(Source.DEFAULT, null, null, null);
    /** Nothing is known about this time. */
    public static final Reason UNKNOWN = new Reason(Source.UNKNOWN, null, null, null);
    /** A manual override applies. */
    public static final Reason OVERRIDE = new Reason(Source.OVERRIDE, null, null, null);

    /** The reason for a winning calendar item; the subject is kept only if the calendar carried one. */
    static Reason calendar(Appointment item) {
        return new Reason(Source.CALENDAR, item.busyType(), item.itemId(), item.subject());
    }
}
