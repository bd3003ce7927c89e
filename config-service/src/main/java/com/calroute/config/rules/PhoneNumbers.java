package com.calroute.config.rules;

import com.calroute.contracts.Patterns;
import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.Map;

/**
 * Phone number fields: people type them as they say them ({@code 912 34 567}, {@code 0047 91234567}); Calroute
 * stores and publishes E.164 ({@link Patterns#toE164}, read in the tenant's country).
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static boolean isE164(String value) {
        return Patterns.isE164(value);
    }

    /**
     * Validates a required phone number field typed in the tenant's {@code country} (ISO 3166-1 alpha-2); returns it
     * in E.164, or null after recording a violation ({@code required} or {@code invalid-phone-number}).
     */
    public static String require(Violations violations, String field, String value, String country) {
        if (value == null || value.isBlank()) {
            violations.add(field, FieldErrorCodes.REQUIRED, "is required");
            return null;
        }
        return valid(violations, field, value, country);
    }

    /** As {@link #require}, for a value known to be present. */
    public static String valid(Violations violations, String field, String value, String country) {
        var e164 = Patterns.toE164(value, country);
        if (e164.isEmpty()) {
            violations.add(field, FieldErrorCodes.INVALID_PHONE_NUMBER, Map.of("country", String.valueOf(country)),
                    Patterns.readsNationalNumbers(country)
                            ? "must be a phone number such as " + example(country) + " or +4791234567 (E.164)"
                            : "must be an E.164 number such as +4791234567 (plus sign, country code)");
            return null;
        }
        return e164.get();
    }

    private static String example(String country) {
        return "NO".equals(country) ? "912 34 567" : "a national number of " + country;
    }
}
