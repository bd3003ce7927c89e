package com.calroute.sync.ews;

import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Holds a tenant's streaming groups to a few subscription requests at once, within the tenant's gate. A restart or
 * a bulk enrolment forms a hundred groups together, each subscribing its members one by one: left alone they fill
 * every place the tenant's gate has, its scheduled reads queue behind them while holding the service's shared
 * workers, and other tenants' reads get fewer workers and less CPU for as long as the subscribing lasts (#14: after
 * a restart, while tenant B subscribed 20,000 mailboxes, tenant A's changes made while the service was down took up
 * to 9.9–10.7 s to arrive; paced, 6.7–7.1 s in three runs). Paced, the subscriptions take {@code permits} of the
 * gate's places and the tenant's reads keep the rest.
 */
public final class SubscriptionPacing implements EwsCalls {

    /** The requests that form a group (one per member), as opposed to reads and the group's one connection. */
    private static final Set<String> PACED = Set.of("Subscribe", "Unsubscribe");

    private final EwsCalls gate;
    private final Semaphore places;

    /** At most {@code permits} subscription requests through {@code gate} at once. */
    public SubscriptionPacing(EwsCalls gate, int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, got " + permits);
        }
        this.gate = gate;
        this.places = new Semaphore(permits, true);
    }

    @Override
    public <T> T call(String operation, EwsCall<T> call) throws Exception {
        if (!PACED.contains(operation)) {
            return gate.call(operation, call);
        }
        places.acquire();
        try {
            return gate.call(operation, call);
        } finally {
            places.release();
        }
    }
}
