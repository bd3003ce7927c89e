package com.calroute.sync.ews;

/**
 * Runs each EWS request on behalf of the ews package: the scheduler's implementation waits out a tenant's
 * {@code ErrorServerBusy} back-off, holds one of the tenant's concurrency permits for the duration and counts
 * the call for metrics. Hanging streaming requests do not go through it (Exchange budgets them separately).
 */
public interface EwsCalls {

    /** Runs {@code call}, named {@code operation} (an EWS operation such as {@code FindItem}). */
    <T> T call(String operation, EwsCall<T> call) throws Exception;

    /** Runs calls directly, for tools and tests that need no gate. */
    EwsCalls DIRECT = new EwsCalls() {
        @Override
        public <T> T call(String operation, EwsCall<T> call) throws Exception {
            return call.run();
        }
    };

    /** One call into ews-java-api. */
    @FunctionalInterface
    interface EwsCall<T> {
        T run() throws Exception;
    }
}
