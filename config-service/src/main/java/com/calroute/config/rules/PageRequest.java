package com.calroute.config.rules;

/** A page of a list: zero-based page number and size, at most {@link #MAX_SIZE} items per page. */
public record PageRequest(int page, int size) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;
    /** The page size when the client names none. */
    public static final int DEFAULT_SIZE = 50;

    /** Validates query parameters (null = default). */
    public static PageRequest of(Integer page, Integer size) {
        Violations violations = new Violations();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            violations.add("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            violations.add("size", "must be between 1 and " + MAX_SIZE);
        }
        violations.throwIfAny();
        return new PageRequest(p, s);
    }
}
