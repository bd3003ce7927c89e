package com.calroute.routing.ingest;

import com.calroute.routing.status.RoutePlan;

/**
 * What a lookup needs of one user, immutable: who they are and their precomputed status plan, evaluated against
 * the clock at request time. {@code partition} is the key's partition on every user-keyed topic.
 */
public record UserRoute(String key, String tenantId, String userId, String number, int partition,
                        RoutePlan plan) {
}
