package com.calroute.routing.status;

import java.util.EnumMap;
import java.util.Map;

/**
 * A user's choice of action per busy type (a busy type without a choice rings normally), how their invitations not
 * yet answered count, and what happens to calls outside their working hours (ring normally unless chosen).
 */
public record StatusSettings(Map<FreeBusy, ActionChoice> choices, UnansweredInvitations unanswered,
                            ActionChoice outsideWorkingHours) {

    /** Copies the map so a settings value never changes after construction; absent choices take their defaults. */
    public StatusSettings {
        EnumMap<FreeBusy, ActionChoice> copy = new EnumMap<>(FreeBusy.class);
        copy.putAll(choices);
        choices = Map.copyOf(copy);
        unanswered = unanswered == null ? UnansweredInvitations.AS_SHOWN : unanswered;
        outsideWorkingHours = outsideWorkingHours == null ? ActionChoice.RING : outsideWorkingHours;
    }

    /** Choices per busy type and for unanswered invitations; calls outside working hours ring. */
    public StatusSettings(Map<FreeBusy, ActionChoice> choices, UnansweredInvitations unanswered) {
        this(choices, unanswered, null);
    }

    /** Choices per busy type, unanswered invitations counting as shown, calls outside working hours ringing. */
    public StatusSettings(Map<FreeBusy, ActionChoice> choices) {
        this(choices, UnansweredInvitations.AS_SHOWN, null);
    }

    /** A new user's settings: everything rings. */
    public static StatusSettings allRing() {
        return new StatusSettings(Map.of());
    }

    /** The user's choice for a busy type. */
    public ActionChoice choiceFor(FreeBusy busyType) {
        return choices.getOrDefault(busyType, ActionChoice.RING);
    }
}
