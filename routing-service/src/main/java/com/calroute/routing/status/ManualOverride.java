package com.calroute.routing.status;

import java.time.Instant;
import java.util.Objects;

/** A manual override: this action from {@code since} (when it was set) until {@code until}; beats the calendar. */
public record ManualOverride(ActionChoice choice, Instant since, Instant until) {

    /** Rejects an override that ends before it starts. */
    public ManualOverride {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("override must end after it starts: " + since + " .. " + until);
        }
    }

    boolean activeAt(Instant t) {
        return !t.isBefore(since) && t.isBefore(until);
    }
}
