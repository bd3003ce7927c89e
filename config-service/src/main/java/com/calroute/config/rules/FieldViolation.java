package com.calroute.config.rules;

/** One invalid field of a request: its name (JSON path-ish) and what is wrong with it, in plain words. */
public record FieldViolation(String field, String message) {
}
