package com.calroute.routing.publish;

import com.calroute.routing.ingest.IngestLoop;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.ingest.UserTable;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Which partitions this replica publishes for. An assigned partition becomes owned only once the ingest loop has
 * read the status topic up to its end offset at assignment, so versions resume from the previous owner's last
 * event; then every key of it is reconciled. {@link #assigned} and {@link #revoked} run on the membership thread,
 * {@link #takeOverCaughtUp()} on the ingest thread, {@link #owns} anywhere.
 */
public final class PartitionHandOver implements Ownership.HandOver {

    private static final Logger LOG = Logger.getLogger(PartitionHandOver.class);

    private final Map<Integer, Long> pending = new ConcurrentHashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final String statusTopic;
    private final UserTable table;
    private final StatusPublisher publisher;
    private final OrphanPurge orphans;
    private final IngestLoop ingest;
    private final ToIntFunction<String> partitionOf;

    /** Hand-overs of {@code statusTopic}'s partitions, reconciled through {@code publisher}. */
    public PartitionHandOver(String statusTopic, UserTable table, StatusPublisher publisher, OrphanPurge orphans,
                             IngestLoop ingest, ToIntFunction<String> partitionOf) {
        this.statusTopic = statusTopic;
        this.table = table;
        this.publisher = publisher;
        this.orphans = orphans;
        this.ingest = ingest;
        this.partitionOf = partitionOf;
    }

    @Override
    public void assigned(Map<Integer, Long> statusEndOffsets) {
        pending.putAll(statusEndOffsets);
    }

    @Override
    public void revoked(Collection<Integer> partitions) {
        publisher.withoutPublishing(() -> {
            owned.removeAll(partitions);
            partitions.forEach(pending::remove);
        });
    }

    /** Whether this replica publishes for {@code partition}. */
    public boolean owns(int partition) {
        return owned.contains(partition);
    }

    /** The partitions this replica publishes for. */
    public Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** Whether an assigned partition still waits to be taken over. */
    public boolean anyPending() {
        return !pending.isEmpty();
    }

    /** Takes over each assigned partition whose status topic the ingest loop read far enough; ingest thread only. */
    public void takeOverCaughtUp() {
        for (Map.Entry<Integer, Long> waiting : Map.copyOf(pending).entrySet()) {
            int partition = waiting.getKey();
            TopicPartition status = new TopicPartition(statusTopic, partition);
            if (ingest.positionOnLoopThread(status) >= waiting.getValue()
                    && pending.remove(partition, waiting.getValue())) {
                owned.add(partition);
                takeOver(partition);
            }
        }
    }

    /** Publishes what changed while nobody owned the partition; a same status publishes nothing. */
    private void takeOver(int partition) {
        int reconciled = 0;
        for (UserRoute route : table.routes()) {
            if (route.partition() == partition) {
                publisher.reconcile(route.key(), partition);
                reconciled++;
            }
        }
        for (String key : publisher.knownKeys()) {
            if (partitionOf.applyAsInt(key) == partition && table.byKey(key) == null) {
                publisher.reconcile(key, partition);
                orphans.deleteIfOrphan(key);
            }
        }
        LOG.infof("took over partition %d (%d users)", partition, reconciled);
    }
}
