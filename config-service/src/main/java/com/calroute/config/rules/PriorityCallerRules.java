package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.users.UserMessage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers whose calls ring through an employee's calendar: typed as people write them in the tenant's country,
 * kept in E.164 in the order given, each once (the same number typed twice, e.g. {@code 912 34 567} and
 * {@code +4791234567}, is listed once), at most {@value UserMessage#MAX_PRIORITY_CALLERS}.
 */
public final class PriorityCallerRules {

    /** The field the numbers are sent in; an entry is named {@code numbers[i]}. */
    public static final String FIELD = "numbers";

    private PriorityCallerRules() {
    }

    /**
     * The numbers in E.164, or an {@link InvalidInputException} naming every entry that is no phone number, or the
     * list when it holds too many. Null means none.
     */
    public static List<String> normalise(List<String> typed, String country) {
        if (typed == null) {
            return List.of();
        }
        Violations violations = new Violations();
        Set<String> numbers = new LinkedHashSet<>();
        for (int i = 0; i < typed.size(); i++) {
            String field = FIELD + "[" + i + "]";
            String e164 = PhoneNumbers.require(violations, field, typed.get(i), country);
            if (e164 != null) {
                numbers.add(e164);
            }
        }
        if (numbers.size() > UserMessage.MAX_PRIORITY_CALLERS) {
            violations.add(FIELD, FieldErrorCodes.TOO_MANY,
                    Map.of("max", String.valueOf(UserMessage.MAX_PRIORITY_CALLERS)),
                    "may list at most " + UserMessage.MAX_PRIORITY_CALLERS + " numbers");
        }
        violations.throwIfAny();
        return List.copyOf(new ArrayList<>(numbers));
    }
}
