package com.calroute.sync.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every replica's Graph subscriptions, shared so any replica can verify a notification (by the SHA-256 of its
 * clientState; the secret itself is kept only in the subscribing replica's memory) and route it to the owner.
 */
public interface SubscriptionDirectory {

    /** One subscription: whose mailbox it watches and the hash of its clientState. */
    record Row(String tenantId, String mailbox, String userId, String clientStateHash) {
    }

    void save(String subscriptionId, Row row, Instant expires);

    void delete(String subscriptionId);

    /**
     * The live subscription with this id, or null if there is none. Throws {@link LookupFailed} when the directory
     * cannot answer: the notification must then be refused (Graph delivers it again), not taken as someone else's.
     */
    Row find(String subscriptionId);

    /** The directory could not be read (the database is away); the cause says why. */
    final class LookupFailed extends RuntimeException {
        public LookupFailed(Exception cause) {
            super("Graph subscription directory unavailable", cause);
        }
    }

    static String hash(String clientState) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(clientState.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A directory of this replica only. */
    static SubscriptionDirectory inMemory() {
        Map<String, Row> rows = new ConcurrentHashMap<>();
        return new SubscriptionDirectory() {
            @Override
            public void save(String subscriptionId, Row row, Instant expires) {
                rows.put(subscriptionId, row);
            }

            @Override
            public void delete(String subscriptionId) {
                rows.remove(subscriptionId);
            }

            @Override
            public Row find(String subscriptionId) {
                return rows.get(subscriptionId);
            }
        };
    }
}
