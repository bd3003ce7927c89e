package com.calroute.config.problem;

import com.calroute.config.rules.FieldViolation;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;

import java.util.List;

/** A request the service refuses, carrying everything its problem body needs; rolls back the transaction. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final transient List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;
    private final boolean deniedAccess;

    private ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors,
                         Integer retryAfterSeconds, boolean deniedAccess) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
        this.deniedAccess = deniedAccess;
    }

    public static ApiException invalid(List<FieldViolation> violations) {
        return new ApiException(400, ProblemTypes.VALIDATION, "Invalid request",
                "Some fields are missing or invalid: see errors.",
                violations.stream().map(v -> new Problem.FieldError(v.field(), v.code(), v.message(), v.params())).toList(), null, false);
    }

    public static ApiException invalid(String field, String code, String message) {
        return invalid(List.of(new FieldViolation(field, code, message)));
    }

    public static ApiException malformed(String detail) {
        return new ApiException(400, ProblemTypes.MALFORMED, "Malformed request", detail, null, null, false);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", detail, null, null, false);
    }

    /** A 404 for an object the caller may not see (another tenant's): looks like any 404, but is audited as denied. */
    public static ApiException notFoundForCaller(String detail) {
        return new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", detail, null, null, true);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden", detail, null, null, true);
    }

    /** A 403 about who the caller is (an unverified e-mail, another person's enrolment), audited as denied. */
    public static ApiException loginRefused(String type, String title, String detail) {
        return new ApiException(403, type, title, detail, null, null, true);
    }

    /**
     * A 400 for a number that is not one of the tenant's numbers. It reads the same whether another tenant holds the
     * number or nobody does, so it tells a tenant admin nothing about other customers.
     */
    public static ApiException numberNotOwned(String field) {
        return new ApiException(400, ProblemTypes.NUMBER_NOT_OWNED, "Number not yours",
                "This number is not one of your company's numbers.",
                List.of(new Problem.FieldError(field, FieldErrorCodes.PHONE_NOT_IN_TENANT_NUMBERS, NUMBER_NOT_OWNED)), null, false);
    }

    /** What a refused number's field error says; also the reason of a refused bulk row. */
    public static final String NUMBER_NOT_OWNED = "is not one of your company's numbers; the operator assigns them";

    /** A 409 for the id of a deleted tenant: ids are never given out again. */
    public static ApiException tenantIdRetired(String detail) {
        return new ApiException(409, ProblemTypes.TENANT_ID_RETIRED, "Tenant id retired", detail, null, null, false);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, ProblemTypes.CONFLICT, "Conflict", detail, null, null, false);
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", detail, null, null, false);
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail, null, null, false);
    }

    public static ApiException rateLimited(String detail, int retryAfterSeconds) {
        return new ApiException(429, ProblemTypes.RATE_LIMITED, "Too many requests", detail, null, retryAfterSeconds, false);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, ProblemTypes.UNAVAILABLE, "Service unavailable", detail, null, 30, false);
    }

    /** A 503 while PostgreSQL cannot be reached: nothing was stored; the same request may simply be sent again. */
    public static ApiException databaseUnavailable() {
        return new ApiException(503, ProblemTypes.UNAVAILABLE, "Service unavailable", "The database cannot be"
                + " reached right now, so nothing was read or changed. Try again shortly.", null,
                DATABASE_RETRY_AFTER_SECONDS, false);
    }

    /** The Retry-After of a database outage: long enough not to hammer a recovering database, short for a person. */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 10;

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True when the refusal protects another tenant's or employee's data and must be audited. */
    public boolean deniedAccess() {
        return deniedAccess;
    }
}
