package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every violation of a request before failing, so a client learns about all bad fields at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** Records that {@code field} is wrong: a {@link FieldErrorCodes} code and the plain-words message. */
    public Violations add(String field, String code, String message) {
        return add(field, code, Map.of(), message);
    }

    /** Records that {@code field} is wrong, with the code's parameters (e.g. {@code max}). */
    public Violations add(String field, String code, Map<String, String> params, String message) {
        found.add(new FieldViolation(field, code, message, params));
        return this;
    }

    /** Records a violation found elsewhere (e.g. by a nested check), keeping its code and parameters. */
    public Violations add(FieldViolation violation) {
        found.add(violation);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    /** Throws {@link InvalidInputException} if anything was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }

    /** A required text field: present, not blank, at most {@code maxLength} characters; returns it trimmed. */
    public String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, FieldErrorCodes.REQUIRED, "is required");
            return null;
        }
        return bounded(field, value, maxLength);
    }

    /** An optional text field: null or blank becomes null; otherwise at most {@code maxLength} characters, trimmed. */
    public String optional(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return bounded(field, value, maxLength);
    }

    private String bounded(String field, String value, int maxLength) {
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            add(field, FieldErrorCodes.TOO_LONG, Map.of("max", String.valueOf(maxLength)),
                    "must be at most " + maxLength + " characters");
            return null;
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            add(field, FieldErrorCodes.CONTROL_CHARACTERS, "must not contain control characters");
            return null;
        }
        return trimmed;
    }
}
