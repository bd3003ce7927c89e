package com.calroute.routing.publish;

import com.calroute.routing.ingest.UserTable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/**
 * Deletes what outlived its user: the owner of a key's partition tombstones an override left without a user, at
 * once when the user goes and after a grace when the user never came (the topics are read in parallel, so a new
 * user's calendar or override may arrive first). Use it from the ingest thread only, once the table caught up.
 */
public final class OrphanPurge {

    /** How long a calendar or override may wait for its user. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final Producer<String, String> producer;
    private final String overridesTopic;
    private final UserTable table;
    private final IntPredicate owns;
    private final ToIntFunction<String> partitionOf;
    private long lastPurgeNanos = System.nanoTime();

    /** Tombstones sent with {@code producer} to {@code overridesTopic} for keys of partitions {@code owns} accepts. */
    public OrphanPurge(Producer<String, String> producer, String overridesTopic, UserTable table, IntPredicate owns,
                       ToIntFunction<String> partitionOf) {
        this.producer = producer;
        this.overridesTopic = overridesTopic;
        this.table = table;
        this.owns = owns;
        this.partitionOf = partitionOf;
    }

    /** Deletes the key's override if it has no user and this replica owns the key's partition. */
    public void deleteIfOwnedOrphan(String key) {
        if (table.hasOrphanOverride(key) && owns.test(partitionOf.applyAsInt(key))) {
            delete(key);
        }
    }

    /** Deletes the key's override if it has no user; for a caller that has just taken the key's partition over. */
    public void deleteIfOrphan(String key) {
        if (table.hasOrphanOverride(key)) {
            delete(key);
        }
    }

    /** Every few seconds drops what waited longer than the grace for its user, deleting such overrides it owns. */
    public void purgeIfDue() {
        long now = System.nanoTime();
        if (now - lastPurgeNanos > INTERVAL.toNanos()) {
            lastPurgeNanos = now;
            for (String key : table.purgeOrphans(now, GRACE.toNanos())) {
                if (owns.test(partitionOf.applyAsInt(key))) {
                    delete(key);
                }
            }
        }
    }

    private void delete(String key) {
        producer.send(new ProducerRecord<>(overridesTopic, key, null));
    }
}
