package com.calroute.routing.status;

/**
 * The reason of a status: the winning calendar item and its busy type, the automatic replies, the working hours, the
 * override, or no item at all. {@code subjectCode}/{@code category} name the tenant's code or category that gave the
 * item its busy type; {@code showOnly} says the item only shows the status ({@code MØT;}) and calls ring.
 */
public record Reason(Source source, FreeBusy busyType, String itemId, String subject, String subjectCode,
                     String category, boolean showOnly) {

    /** A reason without a subject code or category. */
    public Reason(Source source, FreeBusy busyType, String itemId, String subject) {
        this(source, busyType, itemId, subject, null, null, false);
    }

    /** No item applies inside the known calendar window. */
    public static final Reason DEFAULT = new Reason(Source.DEFAULT, null, null, null);
    /** Nothing is known about this time. */
    public static final Reason UNKNOWN = new Reason(Source.UNKNOWN, null, null, null);
    /** A manual override applies. */
    public static final Reason OVERRIDE = new Reason(Source.OVERRIDE, null, null, null);
    /** The mailbox's automatic replies are on. */
    public static final Reason AUTOMATIC_REPLIES = new Reason(Source.AUTOMATIC_REPLIES, FreeBusy.OOF, null, null);
    /** The time lies outside the mailbox's working hours, and nothing stronger applies. */
    public static final Reason WORKING_HOURS = new Reason(Source.WORKING_HOURS, null, null, null);

    /** The reason for a winning calendar item; the subject is kept only if the calendar carried one. */
    static Reason calendar(Appointment item) {
        return new Reason(Source.CALENDAR, item.busyType(), item.itemId(), item.subject());
    }

    /** The reason for a winning calendar item whose code or category gave it its busy type. */
    static Reason calendar(Appointment item, boolean byCode, boolean byCategory, boolean showOnly) {
        return new Reason(Source.CALENDAR, item.busyType(), item.itemId(), item.subject(),
                byCode ? item.subjectCode() : null, byCategory ? item.category() : null, showOnly);
    }
}
