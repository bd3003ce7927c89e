package com.calroute.sync.health;

import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which users a sync-health page lists: those in one {@link Group} and/or with the given ids (the page of users a
 * console shows). Parsed from query parameters here, so the resource stays thin and every refusal names its field.
 */
public record HealthFilter(Group group, Set<String> userIds) {

    /** The most user ids one request may name (a console page). */
    public static final int MAX_USER_IDS = 200;

    /**
     * The groups of the tenant summary. A user is FAILING only while their last error is newer than their last
     * success; a user whose stored state is ERROR but who has read successfully since counts as OK.
     */
    public enum Group {
        FAILING, OK, PENDING, OFF
    }

    /** No filter: every user of the tenant. */
    public static final HealthFilter ALL = new HealthFilter(null, Set.of());

    /**
     * The filter for {@code state} and {@code userIds} as sent (null or blank: no filter).
     *
     * @throws IllegalArgumentException never; invalid input is returned in {@code errors}
     */
    public static HealthFilter parse(String state, String userIds, List<Problem.FieldError> errors) {
        Group group = null;
        if (state != null && !state.isBlank()) {
            try {
                group = Group.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("state", FieldErrorCodes.NOT_ALLOWED_VALUE,
                        "must be one of FAILING, OK, PENDING, OFF", Map.of("allowed", "FAILING,OK,PENDING,OFF")));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        if (userIds != null) {
            Arrays.stream(userIds.split(",")).map(String::strip).filter(id -> !id.isEmpty()).forEach(ids::add);
            if (ids.size() > MAX_USER_IDS) {
                errors.add(new Problem.FieldError("userIds", FieldErrorCodes.TOO_MANY,
                        "may name at most " + MAX_USER_IDS + " user ids", Map.of("max", String.valueOf(MAX_USER_IDS))));
            }
            if (ids.stream().anyMatch(id -> id.length() > 100)) {
                errors.add(new Problem.FieldError("userIds", FieldErrorCodes.TOO_LONG,
                        "each user id may be at most 100 characters", Map.of("max", "100")));
            }
        }
        return new HealthFilter(group, Set.copyOf(ids));
    }

    /** The SQL condition (after {@code tenant_id = ?}) and its parameters, appended to {@code parameters}. */
    String sql(List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        if (group != null) {
            where.append(" AND ").append(switch (group) {
                case FAILING -> FAILING_SQL;
                case OK -> "NOT (" + FAILING_SQL + ") AND state IN ('OK', 'ERROR')";
                case PENDING -> "state = 'PENDING'";
                case OFF -> "state = 'OFF'";
            });
        }
        if (!userIds.isEmpty()) {
            where.append(" AND user_id = ANY (?)");
            parameters.add(new ArrayList<>(userIds).toArray(new String[0]));
        }
        return where.toString();
    }

    /** A user fails only while their last error is newer than their last success (the summary's rule too). */
    static final String FAILING_SQL = "(state = 'ERROR' AND (last_success_at IS NULL OR last_error_at > last_success_at))";
}
