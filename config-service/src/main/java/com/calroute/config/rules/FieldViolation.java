package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.Map;

/**
 * One invalid field of a request: its name (JSON path-ish), a stable code from
 * {@link com.calroute.contracts.problem.FieldErrorCodes} with its parameters, and what is wrong in plain words.
 */
public record FieldViolation(String field, String code, String message, Map<String, String> params) {

    public FieldViolation {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public FieldViolation(String field, String code, String message) {
        this(field, code, message, Map.of());
    }
}
