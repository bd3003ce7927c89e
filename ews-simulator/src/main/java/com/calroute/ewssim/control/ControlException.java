package com.calroute.ewssim.control;

/** A control-API request that cannot be honoured; carries the HTTP status to answer with. */
public final class ControlException extends RuntimeException {
    private final int status;

    public ControlException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ControlException notFound(String what) {
        return new ControlException(404, what + " not found");
    }

    public static ControlException badRequest(String message) {
        return new ControlException(400, message);
    }
}
