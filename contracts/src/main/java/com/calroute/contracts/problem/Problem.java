package com.calroute.contracts.problem;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem body ({@code application/problem+json}), the error shape of every Calroute API.
 * {@code type} is a stable {@code urn:calroute:problem:*} URN from {@link ProblemTypes}; {@code errors} names
 * the offending fields of a bad request. Never a stack trace or an exception class name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field of a request: its JSON path-ish name, a stable kebab-case {@code code} from
     * {@link FieldErrorCodes} with its {@code params} (never null, may be empty) for clients that translate, and what
     * is wrong in plain English for those that do not.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FieldError(String field, String code, String message, Map<String, String> params) {

        public FieldError {
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        /** A field error without parameters. */
        public FieldError(String field, String code, String message) {
            this(field, code, message, Map.of());
        }
    }
}
