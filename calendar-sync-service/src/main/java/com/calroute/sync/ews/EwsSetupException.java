package com.calroute.sync.ews;

import com.calroute.sync.plan.Failure;

/** The connection settings cannot be used at all (bad URL, plain http, unreadable CA certificate...). */
public class EwsSetupException extends Exception {

    private final transient Failure failure;

    public EwsSetupException(Failure failure) {
        super(failure.message());
        this.failure = failure;
    }

    /** What is wrong, in plain words. */
    public Failure failure() {
        return failure;
    }
}
