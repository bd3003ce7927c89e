package com.calroute.config.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an employee may choose per busy type. Every routable busy type gets a setting (missing ones ring), FORWARD
 * needs an E.164 target and no other action takes one. Names mirror the contract enums; a unit test keeps them equal.
 */
public final class StatusSettingsRules {

    /** The busy types that can change routing, in contract order (FREE never does). */
    public static final List<String> ROUTABLE_BUSY_TYPES = List.of("TENTATIVE", "BUSY", "OOF", "WORKING_ELSEWHERE");
    /** Every call action. */
    public static final List<String> ACTIONS = List.of("RING", "VOICEMAIL", "FORWARD", "SWITCHBOARD", "BUSY");
    /** The action of a busy type the employee did not set. */
    public static final String DEFAULT_ACTION = "RING";

    private StatusSettingsRules() {
    }

    /** An action choice as sent by a client (strings, so bad values can be named) and as returned when valid. */
    public record Choice(String action, String target) {
    }

    /**
     * Validates a complete settings document and fills the busy types it leaves out with {@link #DEFAULT_ACTION}.
     *
     * @throws InvalidInputException naming every bad busy type, action or target
     */
    public static Map<String, Choice> normalise(Map<String, Choice> requested) {
        Violations violations = new Violations();
        Map<String, Choice> result = new LinkedHashMap<>();
        ROUTABLE_BUSY_TYPES.forEach(type -> result.put(type, new Choice(DEFAULT_ACTION, null)));
        if (requested != null) {
            requested.forEach((type, choice) -> {
                if ("FREE".equals(type)) {
                    violations.add(type, "FREE time never changes routing, so it has no setting");
                } else if (!ROUTABLE_BUSY_TYPES.contains(type)) {
                    violations.add(type, "is not a busy type; use one of " + ROUTABLE_BUSY_TYPES);
                } else {
                    Choice valid = validChoice(violations, type, choice);
                    if (valid != null) {
                        result.put(type, valid);
                    }
                }
            });
        }
        violations.throwIfAny();
        return result;
    }

    private static Choice validChoice(Violations violations, String type, Choice choice) {
        if (choice == null || choice.action() == null || choice.action().isBlank()) {
            violations.add(type + ".action", "is required");
            return null;
        }
        if (!ACTIONS.contains(choice.action())) {
            violations.add(type + ".action", "must be one of " + ACTIONS);
            return null;
        }
        boolean hasTarget = choice.target() != null && !choice.target().isBlank();
        if ("FORWARD".equals(choice.action())) {
            if (!hasTarget) {
                violations.add(type + ".target", "is required for FORWARD: the E.164 number calls go to");
                return null;
            }
            if (!PhoneNumbers.isE164(choice.target())) {
                violations.add(type + ".target", "must be an E.164 number such as +4790000000");
                return null;
            }
            return new Choice("FORWARD", choice.target());
        }
        if (hasTarget) {
            violations.add(type + ".target", "is only allowed with FORWARD");
            return null;
        }
        return new Choice(choice.action(), null);
    }
}
