package com.calroute.contracts.problem;

import java.util.List;
import java.util.OptionalInt;

/**
 * A request a service refuses, carrying everything its {@link Problem} body needs: status, a stable type from
 * {@link ProblemTypes}, title, plain-words detail (also the message) and the offending fields. One class for every
 * service, so a refusal reads the same wherever it is thrown; each service's exception mapper turns it into the
 * {@code application/problem+json} response (and adds what only it knows: the instance, its audit log). Thrown
 * inside a transaction, it rolls it back.
 */
public class ApiException extends RuntimeException {

    /** The detail of every 400 that names its fields, unless the service words it otherwise. */
    public static final String INVALID_DETAIL = "Some fields are missing or invalid: see errors.";

    private final int status;
    private final String type;
    private final String title;
    private final transient List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;
    private final boolean deniedAccess;

    /** A problem with this status, type, title and plain-words detail. */
    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null, null, false);
    }

    /** A problem with this status, type, title and detail that names the offending fields. */
    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        this(status, type, title, detail, errors, null, false);
    }

    private ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors,
                         Integer retryAfterSeconds, boolean deniedAccess) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
        this.deniedAccess = deniedAccess;
    }

    /** A 400 naming each invalid field with its code. */
    public static ApiException invalid(List<Problem.FieldError> errors) {
        return invalid(INVALID_DETAIL, errors);
    }

    /** A 400 naming each invalid field with its code, under the service's own detail. */
    public static ApiException invalid(String detail, List<Problem.FieldError> errors) {
        return new ApiException(400, ProblemTypes.VALIDATION, "Invalid request", detail, errors);
    }

    /** A 400 naming one invalid field. */
    public static ApiException invalid(String field, String code, String message) {
        return invalid(List.of(new Problem.FieldError(field, code, message)));
    }

    /** A 400 for a body that is not JSON or not of the expected shape. */
    public static ApiException malformed(String detail) {
        return new ApiException(400, ProblemTypes.MALFORMED, "Malformed request", detail);
    }

    /** A 404 for an object that does not exist. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", detail);
    }

    /** A 404 for an object the caller may not see (another tenant's): looks like any 404, but is a denied access. */
    public static ApiException notFoundForCaller(String detail) {
        return new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", detail, null, null, true);
    }

    /** A 403: the caller may not do this; a denied access. */
    public static ApiException forbidden(String detail) {
        return forbidden(ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }

    /** A 403 of a more telling type (who the caller is, not what their role allows); a denied access. */
    public static ApiException forbidden(String type, String title, String detail) {
        return new ApiException(403, type, title, detail, null, null, true);
    }

    /** A 409: the request conflicts with the state of things. */
    public static ApiException conflict(String detail) {
        return new ApiException(409, ProblemTypes.CONFLICT, "Conflict", detail);
    }

    /** A 413: the body is larger than the endpoint accepts. */
    public static ApiException tooLarge(String detail) {
        return new ApiException(413, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", detail);
    }

    /** A 415: the body's content type is not one the endpoint reads. */
    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail);
    }

    /** A 429 the client may retry after so many seconds. */
    public static ApiException rateLimited(String detail, int retryAfterSeconds) {
        return new ApiException(429, ProblemTypes.RATE_LIMITED, "Too many requests", detail, null,
                retryAfterSeconds, false);
    }

    /** A 503, retried after the service's usual wait. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, ProblemTypes.UNAVAILABLE, "Service unavailable", detail);
    }

    /** A 503 the client may retry after so many seconds. */
    public static ApiException unavailable(String detail, int retryAfterSeconds) {
        return new ApiException(503, ProblemTypes.UNAVAILABLE, "Service unavailable", detail, null,
                retryAfterSeconds, false);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The offending fields; null when the refusal is not about fields. */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    /**
     * The {@code Retry-After} seconds: the refusal's own, else {@code unavailableDefault} for a 503 (a service that
     * answers 503 always says when to come back), else none.
     */
    public OptionalInt retryAfterSeconds(int unavailableDefault) {
        if (retryAfterSeconds != null) {
            return OptionalInt.of(retryAfterSeconds);
        }
        return status == 503 ? OptionalInt.of(unavailableDefault) : OptionalInt.empty();
    }

    /** True when the refusal protects another tenant's or employee's data (a service with an audit log records it). */
    public boolean deniedAccess() {
        return deniedAccess;
    }

    /** The problem body, with the service's {@code instance} (the request path, an incident URN, or null). */
    public Problem problem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }
}
