package com.calroute.routing.status;

import java.util.EnumMap;
import java.util.Map;

/** A user's choice of action per busy type; a busy type without a choice rings normally. */
public record StatusSettings(Map<FreeBusy, ActionChoice> choices) {

    /** Copies the map so a settings value never changes after construction. */
    public StatusSettings {
        EnumMap<FreeBusy, ActionChoice> copy = new EnumMap<>(FreeBusy.class);
        copy.putAll(choices);
        choices = Map.copyOf(copy);
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
