package com.calroute.sync.plan;

import java.util.Objects;

/**
 * What a mailbox says about its owner's absence outside the calendar, as one poll read it: the automatic replies,
 * and the working hours when the poll read them ({@code hoursRead}; {@code workingHours} null when not read, not
 * usable, or not readable this time — what was known then stays).
 */
public record AbsenceSettings(AutomaticReplies replies, WorkingHours workingHours, boolean hoursRead) {

    public AbsenceSettings {
        Objects.requireNonNull(replies, "replies");
        hoursRead = hoursRead || workingHours != null;
    }

    /** A poll that read the automatic replies and, where not null, the working hours. */
    public AbsenceSettings(AutomaticReplies replies, WorkingHours workingHours) {
        this(replies, workingHours, workingHours != null);
    }
}
