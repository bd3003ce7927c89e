package com.calroute.contracts.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A mailbox's automatic replies ("Fraværsassistent") as routing needs them: {@code OFF}; {@code ON}, always, until
 * switched off ({@code start}/{@code end} null); or {@code SCHEDULED} from {@code start} to {@code end}. The reply
 * text never leaves calendar-sync.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AutomaticReplies(State state, Instant start, Instant end) {

    /** Whether automatic replies are off, always on, or on for a scheduled time. */
    public enum State {
        OFF, ON, SCHEDULED
    }
}
