package com.calroute.routing.ingest;

import com.calroute.routing.status.CallerAnnouncement;
import com.calroute.routing.status.CallerRules;
import com.calroute.routing.status.RoutePlan;

/**
 * What a lookup needs of one user, immutable: who they are and their precomputed status plan, evaluated against
 * the clock at request time. {@code partition} is the key's partition on every user-keyed topic; {@code callerRules}
 * say whose calls ring through the plan's answer when a lookup names its caller; {@code announcement} says the user's
 * state to callers, null when the user turned it off.
 */
public record UserRoute(String key, String tenantId, String userId, String number, int partition,
                        RoutePlan plan, CallerRules callerRules, CallerAnnouncement announcement) {

    /** A route that announces nothing. */
    public UserRoute(String key, String tenantId, String userId, String number, int partition, RoutePlan plan,
                     CallerRules callerRules) {
        this(key, tenantId, userId, number, partition, plan, callerRules, null);
    }
}
