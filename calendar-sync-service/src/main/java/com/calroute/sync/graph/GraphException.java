package com.calroute.sync.graph;

import java.time.Duration;

/**
 * A Graph or identity-platform call that did not succeed: the HTTP status (0 when no answer came), Graph's error
 * code (or the AADSTS number for token errors), and the server's Retry-After when it sent one. Messages from the
 * server are kept out of {@link #getMessage()} unless they are Microsoft's own error text.
 */
public final class GraphException extends Exception {
    private final int status;
    private final String code;
    private final Duration retryAfter;

    public GraphException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() { return status; }
    public String code() { return code; }
    public Duration retryAfter() { return retryAfter; }
}
