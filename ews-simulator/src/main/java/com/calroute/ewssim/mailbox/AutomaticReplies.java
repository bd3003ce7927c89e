package com.calroute.ewssim.mailbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A mailbox's automatic replies ("Fraværsassistent", OOF): off, always on, or on between {@code start} and
 * {@code end}; the reply texts for senders inside and outside the organisation. Exchange keeps them apart from the
 * calendar: changing them notifies no calendar subscription.
 */
public record AutomaticReplies(State state, Instant start, Instant end, String internalReply, String externalReply) {

    /** Exchange's {@code OofState}, with the EWS name and Graph's {@code automaticRepliesStatus}. */
    public enum State {
        DISABLED("Disabled", "disabled"),
        ENABLED("Enabled", "alwaysEnabled"),
        SCHEDULED("Scheduled", "scheduled");

        private final String wireName;
        private final String graphName;

        State(String wireName, String graphName) {
            this.wireName = wireName;
            this.graphName = graphName;
        }

        public String wireName() {
            return wireName;
        }

        public String graphName() {
            return graphName;
        }

        /** Accepts the EWS name, the Graph name or the constant name, case-insensitively. */
        public static State parse(String value) {
            return ExchangeNames.parse(State.class, value, State::wireName, State::graphName,
                    "automatic replies state");
        }
    }

    /** A new mailbox's: off, with no texts. */
    public static final AutomaticReplies OFF = new AutomaticReplies(State.DISABLED, null, null, "", "");

    /** Requires a state; a scheduled reply needs a start before its end. */
    public AutomaticReplies {
        Objects.requireNonNull(state, "state");
        if (state == State.SCHEDULED && (start == null || end == null || !start.isBefore(end))) {
            throw new IllegalArgumentException("scheduled automatic replies need a start before their end");
        }
        internalReply = internalReply == null ? "" : internalReply;
        externalReply = externalReply == null ? "" : externalReply;
    }
}
