package com.calroute.config.enrolment;

import com.calroute.contracts.problem.Problem;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the enrolment API. */
public final class EnrolmentApi {

    private EnrolmentApi() {
    }

    /** {@code POST /api/v1/tenants/{id}/users}, and one element of a bulk JSON array. */
    public record NewUser(String email, String mobileNumber, String displayName) {
    }

    /** {@code PATCH .../users/{userId}}: absent (null) fields stay as they are. */
    public record PatchUser(String email, String mobileNumber, String displayName) {
    }

    /** A user as the admin sees them; {@code loginLinked} says whether the employee's login is bound yet. */
    public record UserView(String id, String email, String mobileNumber, String displayName, boolean syncEnabled,
                           boolean loginLinked, long version, Instant createdAt, Instant updatedAt) {

        static UserView of(EnrolledUser u) {
            return new UserView(u.id.toString(), u.email, u.mobileNumber, u.displayName, u.syncEnabled,
                    u.login().isPresent(), u.version, u.createdAt, u.updatedAt);
        }
    }

    /** One page of users. */
    public record UserPage(List<UserView> items, int page, int size, long total) {
    }

    /** The outcome of one bulk row. */
    public enum RowStatus { CREATED, DUPLICATE, INVALID }

    /**
     * One bulk row's outcome: its number (1 = first data row), status, the new id or why not — {@code reason} in plain
     * English, {@code errors} the same with stable codes (field {@code row} when the row itself is unreadable).
     */
    public record RowResult(int row, String email, RowStatus status, String userId, String reason,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Problem.FieldError> errors) {
    }

    /** The per-row report of a bulk enrolment. */
    public record BulkReport(int created, int duplicates, int invalid, List<RowResult> rows) {
    }
}
