package com.calroute.routing.status;

import java.time.Instant;

/**
 * A user's call-handling status at one instant. {@code since}/{@code until} bound the run of the same state
 * and action (null when unbounded); {@code nextChange} is the next instant anything of this status changes,
 * the reason included (null if never).
 */
public record Status(State state, Action action, String target, Instant since, Instant until, Reason reason,
                     Instant nextChange) {
}
