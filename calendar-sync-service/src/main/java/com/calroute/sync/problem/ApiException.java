package com.calroute.sync.problem;

import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;

import java.util.List;

/** A request that ends in a problem response of a stable type; thrown by resources and services alike. */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    /** A problem with this status, type, title and plain-words detail. */
    public ApiException(int status, String type, String title, String detail) {
        this(new Problem(type, title, status, detail, null, null));
    }

    private ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    /** A 400 naming each invalid field with its code. */
    public static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(new Problem(ProblemTypes.VALIDATION, "Invalid request", 400,
                "Some fields are missing or invalid: see errors.", null, List.copyOf(errors)));
    }

    /** The problem body. */
    public Problem problem() {
        return problem;
    }
}
