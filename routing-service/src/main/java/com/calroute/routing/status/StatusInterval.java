package com.calroute.routing.status;

import java.time.Instant;

/** A stretch of time {@code from..to} (end exclusive) during which the status is the same. */
public record StatusInterval(Instant from, Instant to, State state, Action action, String target, Reason reason) {
}
