package com.calroute.config.rules;

import com.calroute.contracts.Patterns;

/** E.164 numbers as the contract writes them ({@link Patterns#E164}): a plus, a non-zero digit, 7 to 15 digits. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static boolean isE164(String value) {
        return Patterns.isE164(value);
    }

    /** Validates a required E.164 field; returns the number or null after recording a violation. */
    public static String requireE164(Violations violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(field, "is required");
            return null;
        }
        if (!isE164(value)) {
            violations.add(field, "must be an E.164 number such as +4791234567 (plus sign, country code, no spaces)");
            return null;
        }
        return value;
    }
}
