package com.calroute.config.rules;

import java.util.regex.Pattern;

/** E.164 numbers as the contract writes them: a plus, a non-zero digit, 7 to 15 digits in all, nothing else. */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    private PhoneNumbers() {
    }

    public static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
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
