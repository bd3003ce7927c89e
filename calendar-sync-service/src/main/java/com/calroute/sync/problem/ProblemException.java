package com.calroute.sync.problem;

import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;

import java.util.List;

/** An error with a stable problem type and plain-words detail, turned into application/problem+json. */
public class ProblemException extends RuntimeException {

    private final String type;
    private final int status;
    private final String title;
    private final transient List<Problem.FieldError> errors;

    public ProblemException(String type, int status, String title, String detail) {
        this(type, status, title, detail, null);
    }

    private ProblemException(String type, int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** A 400 naming each invalid field with its code. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(ProblemTypes.VALIDATION, 400, "Invalid request",
                "Some fields are missing or invalid: see errors.", errors);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The invalid fields of a 400, or null. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
