package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a tenant admin may sort the employee list: by a key from {@link #KEYS}, ascending, or descending with a
 * leading {@code -} ({@code -updatedAt}: most recently changed first). Ties fall back to the e-mail address and id,
 * so pages never overlap.
 */
public final class UserSort {

    /** Sort keys as the API names them, with the entity property each orders by. */
    public static final Map<String, String> KEYS;

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("email", "email");
        keys.put("name", "displayName");
        keys.put("mobileNumber", "mobileNumber");
        keys.put("createdAt", "createdAt");
        keys.put("updatedAt", "updatedAt");
        KEYS = java.util.Collections.unmodifiableMap(keys);
    }

    /** The sort when the client names none. */
    public static final String DEFAULT = "email";

    private UserSort() {
    }

    /**
     * The JPQL {@code order by} list for {@code sort} (null or blank: {@link #DEFAULT}).
     *
     * @throws InvalidInputException {@code sort} with code {@code not-allowed-value} for anything else
     */
    public static String orderBy(String sort) {
        String requested = sort == null || sort.isBlank() ? DEFAULT : sort.strip();
        boolean descending = requested.startsWith("-");
        String property = KEYS.get(descending ? requested.substring(1) : requested);
        if (property == null) {
            String allowed = String.join(",", KEYS.keySet()) + ",-" + String.join(",-", KEYS.keySet());
            throw new InvalidInputException(java.util.List.of(new FieldViolation("sort", FieldErrorCodes.NOT_ALLOWED_VALUE,
                    "must be one of " + String.join(", ", KEYS.keySet()) + ", each optionally with a leading - for"
                            + " descending order", Map.of("allowed", allowed))));
        }
        String direction = descending ? " desc" : "";
        String nulls = property.equals("displayName") ? " nulls last" : "";
        return property + direction + nulls + (property.equals("email") ? "" : ", email") + ", id";
    }
}
