package com.calroute.sync.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * A mailbox's automatic replies as routing needs them: off, on until switched off, or scheduled from {@code start}
 * to {@code end}. Never their text: what we never keep cannot leak.
 */
public record AutomaticReplies(State state, Instant start, Instant end) {

    /** Off, always on, or on for a scheduled time. */
    public enum State {
        OFF, ON, SCHEDULED
    }

    /** Automatic replies switched off. */
    public static final AutomaticReplies OFF = new AutomaticReplies(State.OFF, null, null);

    /** Requires a state; a scheduled reply needs its start before its end. */
    public AutomaticReplies {
        Objects.requireNonNull(state, "state");
        if (state == State.SCHEDULED && (start == null || end == null || !start.isBefore(end))) {
            throw new IllegalArgumentException("scheduled automatic replies need a start before their end");
        }
        if (state != State.SCHEDULED) {
            start = null;
            end = null;
        }
    }

    /**
     * From Exchange's names: EWS {@code OofState} (Disabled, Enabled, Scheduled) or Graph's
     * {@code automaticRepliesStatus} (disabled, alwaysEnabled, scheduled). A schedule without a usable window is
     * taken as off, as Exchange sends no reply then.
     */
    public static AutomaticReplies fromExchange(String state, Instant start, Instant end) {
        if (state == null) {
            return OFF;
        }
        return switch (state) {
            case "Enabled", "alwaysEnabled" -> new AutomaticReplies(State.ON, null, null);
            case "Scheduled", "scheduled" -> start != null && end != null && start.isBefore(end)
                    ? new AutomaticReplies(State.SCHEDULED, start, end) : OFF;
            default -> OFF;
        };
    }
}
