package com.calroute.sync.source;

import com.calroute.sync.plan.Failure;

/** Reading a calendar failed, for a reason a tenant admin can read. */
public final class SourceFailure extends Exception {

    private final transient Failure failure;

    public SourceFailure(Failure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    /** What failed, in plain words. */
    public Failure failure() {
        return failure;
    }
}
