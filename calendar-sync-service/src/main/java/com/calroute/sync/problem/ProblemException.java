package com.calroute.sync.problem;

/** An error with a stable problem type and plain-words detail, turned into application/problem+json. */
public class ProblemException extends RuntimeException {

    private final String type;
    private final int status;
    private final String title;

    public ProblemException(String type, int status, String title, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.title = title;
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
}
