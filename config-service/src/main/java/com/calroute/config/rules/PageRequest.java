package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.Map;

/** A page of a list: zero-based page number and size, at most {@link #MAX_SIZE} items per page. */
public record PageRequest(int page, int size) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;
    /** The page size when the client names none. */
    public static final int DEFAULT_SIZE = 50;

    /** Validates query parameters as sent (null or blank = default), so text and huge values are named, not a 404. */
    public static PageRequest parse(String page, String size) {
        Violations violations = new Violations();
        Integer p = number(violations, "page", page);
        Integer s = number(violations, "size", size);
        violations.throwIfAny();
        return of(p, s);
    }

    /** Validates query parameters (null = default). */
    public static PageRequest of(Integer page, Integer size) {
        Violations violations = new Violations();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            violations.add("page", FieldErrorCodes.OUT_OF_RANGE, Map.of("min", "0"), "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            violations.add("size", FieldErrorCodes.OUT_OF_RANGE, Map.of("min", "1", "max", String.valueOf(MAX_SIZE)),
                    "must be between 1 and " + MAX_SIZE);
        } else if ((long) p * s > Integer.MAX_VALUE - s) {
            // The row offset (page × size) must fit the query's int offset, or it overflows into a server error.
            violations.add("page", FieldErrorCodes.OUT_OF_RANGE, Map.of("min", "0", "max", String.valueOf(Integer.MAX_VALUE / s - 1)),
                    "must be at most " + (Integer.MAX_VALUE / s - 1) + " with size " + s);
        }
        violations.throwIfAny();
        return new PageRequest(p, s);
    }

    private static Integer number(Violations violations, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            violations.add(field, FieldErrorCodes.NOT_A_NUMBER, "must be a whole number of at most " + Integer.MAX_VALUE);
            return null;
        }
    }
}
