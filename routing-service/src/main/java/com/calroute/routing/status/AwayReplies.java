package com.calroute.routing.status;

import java.time.Instant;

/**
 * When the mailbox's automatic replies make its owner out of office: from {@code from} (null: since ever, as "always
 * on" reads) until {@code until} (null: until switched off). Absent (null in the snapshot) while they are off or
 * not known.
 */
public record AwayReplies(Instant from, Instant until) {

    /** Requires a positive span when both ends are known. */
    public AwayReplies {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("automatic replies end before they start: " + from + " .. " + until);
        }
    }

    /** Always on, until switched off. */
    public static AwayReplies alwaysOn() {
        return new AwayReplies(null, null);
    }
}
