package com.calroute.config.rules;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of a request before failing, so a client learns about all bad fields at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
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
            add(field, "is required");
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
            add(field, "must be at most " + maxLength + " characters");
            return null;
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            add(field, "must not contain control characters");
            return null;
        }
        return trimmed;
    }
}
