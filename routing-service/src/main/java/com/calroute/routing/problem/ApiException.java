package com.calroute.routing.problem;

import com.calroute.contracts.problem.Problem;

import java.util.List;

/** A request that ends in a problem response of a stable type; thrown by resources and services alike. */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    /** A problem with this status, type, title and detail. */
    public ApiException(int status, String type, String title, String detail) {
        this(new Problem(type, title, status, detail, null, null));
    }

    private ApiException(Problem problem) {
        super(problem.title(), null, false, false);
        this.problem = problem;
    }

    /** A 400 naming the invalid fields. */
    public static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(new Problem(com.calroute.contracts.problem.ProblemTypes.VALIDATION,
                "Invalid request", 400, "One or more fields are invalid.", null, errors));
    }

    /** The problem body. */
    public Problem problem() {
        return problem;
    }
}
