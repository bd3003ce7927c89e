package com.calroute.sync.health;

/** Whether the sync is up: what readiness reports (implemented by the runtime, so health needs nothing of it). */
public interface SyncLifecycle {

    /** True while the service should receive traffic: started, not stopping, users and tenants loaded. */
    boolean ready();

    /** True once SIGTERM (or shutdown) began. */
    boolean stopping();
}
