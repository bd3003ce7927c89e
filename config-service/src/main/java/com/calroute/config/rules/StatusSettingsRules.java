package com.calroute.config.rules;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an employee may choose per busy type and for the time outside their working hours
 * ({@value #OUTSIDE_WORKING_HOURS}, a state rather than a busy type, chosen in the same document). Every setting gets a
 * value (missing ones ring), FORWARD needs a phone number target (typed as in the tenant's country, kept in E.164) and
 * no other action takes one ({@link CallAction#needsTarget}). The names are the contract enums' ({@link BusyType},
 * {@link CallAction}); clients send them as text, so that a bad one can be named.
 */
public final class StatusSettingsRules {

    /** The busy types that can change routing, in contract order (FREE never does). */
    public static final List<String> ROUTABLE_BUSY_TYPES = BusyType.ROUTABLE.stream().map(Enum::name).toList();
    /** The setting for calls outside the mailbox's working hours, named as the state it applies in. */
    public static final String OUTSIDE_WORKING_HOURS = "OUTSIDE_WORKING_HOURS";
    /** Every setting of the document: the routable busy types, then the time outside working hours. */
    public static final List<String> SETTINGS = Stream.concat(ROUTABLE_BUSY_TYPES.stream(),
            Stream.of(OUTSIDE_WORKING_HOURS)).toList();
    /** Every call action. */
    public static final List<String> ACTIONS = Arrays.stream(CallAction.values()).map(Enum::name).toList();
    /** The action of a setting the employee did not set. */
    public static final String DEFAULT_ACTION = CallAction.RING.name();

    private StatusSettingsRules() {
    }

    /** An action choice as sent by a client (strings, so bad values can be named) and as returned when valid. */
    public record Choice(String action, String target) {
    }

    /**
     * Validates a complete settings document and fills the settings it leaves out with {@link #DEFAULT_ACTION}.
     *
     * @throws InvalidInputException naming every bad busy type, action or target
     */
    public static Map<String, Choice> normalise(Map<String, Choice> requested, String country) {
        Violations violations = new Violations();
        Map<String, Choice> result = new LinkedHashMap<>();
        SETTINGS.forEach(type -> result.put(type, new Choice(DEFAULT_ACTION, null)));
        if (requested != null) {
            requested.forEach((type, choice) -> {
                if (BusyType.FREE.name().equals(type)) {
                    violations.add(type, FieldErrorCodes.NOT_APPLICABLE, "FREE time never changes routing, so it has no setting");
                } else if (!SETTINGS.contains(type)) {
                    violations.add(type, FieldErrorCodes.NOT_ALLOWED_VALUE, Map.of("allowed", String.join(",", SETTINGS)),
                            "is not a busy type or " + OUTSIDE_WORKING_HOURS + "; use one of " + SETTINGS);
                } else {
                    Choice valid = validChoice(violations, type, choice, country);
                    if (valid != null) {
                        result.put(type, valid);
                    }
                }
            });
        }
        violations.throwIfAny();
        return result;
    }

    private static Choice validChoice(Violations violations, String type, Choice choice, String country) {
        if (choice == null || choice.action() == null || choice.action().isBlank()) {
            violations.add(type + ".action", FieldErrorCodes.REQUIRED, "is required");
            return null;
        }
        if (!ACTIONS.contains(choice.action())) {
            violations.add(type + ".action", FieldErrorCodes.NOT_ALLOWED_VALUE, Map.of("allowed", String.join(",", ACTIONS)),
                    "must be one of " + ACTIONS);
            return null;
        }
        boolean hasTarget = choice.target() != null && !choice.target().isBlank();
        if (CallAction.valueOf(choice.action()).needsTarget()) {
            if (!hasTarget) {
                violations.add(type + ".target", FieldErrorCodes.REQUIRED, "is required for FORWARD: the E.164 number calls go to");
                return null;
            }
            String target = PhoneNumbers.valid(violations, type + ".target", choice.target(), country);
            return target == null ? null : new Choice(choice.action(), target);
        }
        if (hasTarget) {
            violations.add(type + ".target", FieldErrorCodes.NOT_APPLICABLE, "is only allowed with FORWARD");
            return null;
        }
        return new Choice(choice.action(), null);
    }
}
