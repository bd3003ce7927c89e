package com.calroute.sync.mailbox;

import com.calroute.contracts.Topics;
import com.calroute.contracts.users.UserMessage;
import com.calroute.contracts.kafka.ConsumerThread;
import com.calroute.sync.contract.Intake;
import com.calroute.sync.publish.CalendarLedger;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides which mailboxes this replica syncs: it is a member of the service's consumer group on
 * {@code calroute.users.v1}, and owns exactly the users in the partitions the group assigns it. The cooperative
 * sticky assignor moves only the partitions that must move; a revoked partition is released (subscriptions closed,
 * producer flushed) before another member gets it. A newly assigned partition is read from its beginning — the
 * topic is compacted, so that is every user's current settings — and the calendar ledger for its keys is loaded
 * from {@code calroute.calendar.v1} before anything is published. Offsets are therefore never needed, and none are
 * committed: a restart re-reads the (small) compacted partitions. A value the {@link Intake} refuses is
 * dead-lettered and skipped, so the user keeps their last good settings.
 */
public class UserDirectory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);

    private final KafkaConsumer<String, String> consumer;
    private final CalendarLedger ledger;
    private final OwnershipListener listener;
    private final ObjectMapper mapper;
    private final Intake intake;
    private final ConsumerThread thread;
    private final Map<Integer, Loading> loading = new HashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean assignedOnce = new AtomicBoolean();
    private volatile boolean healthy = true;
    private int partitionCount = -1;
    private boolean handingOver;

    /** A partition being read up to the end offset it had when it was assigned. */
    private static final class Loading {
        final long endOffset;
        final Map<String, UserMessage> latest = new HashMap<>();

        Loading(long endOffset) {
            this.endOffset = endOffset;
        }
    }

    public UserDirectory(Map<String, Object> kafka, String groupId, Duration sessionTimeout, CalendarLedger ledger,
                         OwnershipListener listener, ObjectMapper mapper, Intake intake) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, sessionTimeout.toMillis() / 4)));
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "calendar-sync-users");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        this.ledger = ledger;
        this.listener = listener;
        this.mapper = mapper;
        this.intake = intake;
        this.thread = new ConsumerThread("users-v1-group", consumer, this::run);
    }

    /** Joins the group and starts following assignments. */
    public void start() {
        thread.start();
    }

    /** The users.v1 partitions this replica owns and has loaded. */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned);
    }

    /** True once the group gave this member an assignment and every assigned partition is loaded. */
    public boolean ready() {
        return healthy && assignedOnce.get() && loadingCount() == 0;
    }

    private synchronized int loadingCount() {
        return loading.size() + (handingOver ? 1 : 0);
    }

    private void run() {
        try {
            partitionCount = consumer.partitionsFor(Topics.USERS, Duration.ofSeconds(60)).size();
            consumer.subscribe(List.of(Topics.USERS), new Rebalance());
            while (thread.running()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
                finishLoadedPartitions();
            }
        } catch (WakeupException e) {
            // close() woke us up.
        } catch (RuntimeException e) {
            healthy = false;
            LOG.errorf(e, "the %s consumer stopped", Topics.USERS);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.debugf("closing the users consumer: %s", e.getMessage());
            }
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        if (record.key() == null || !intake.accepts(record)) {
            return;
        }
        UserMessage user = null;
        if (record.value() != null) {
            try {
                user = mapper.readValue(record.value(), UserMessage.class);
            } catch (Exception e) {
                LOG.warnf("unreadable %s value at partition %d offset %d skipped", Topics.USERS, record.partition(),
                        record.offset());
                return;
            }
        }
        synchronized (this) {
            Loading load = loading.get(record.partition());
            if (load != null) {
                load.latest.put(record.key(), user);
                return;
            }
        }
        if (owned.contains(record.partition())) {
            listener.userChanged(record.partition(), record.key(), user);
        }
    }

    /**
     * Once every assigned partition is read to the end it had when assigned, loads their calendar ledger in one pass
     * and hands their users over together: a restart's or a rebalance's users arrive as one burst, so each streaming
     * group forms once instead of re-forming for every partition.
     */
    private void finishLoadedPartitions() {
        List<Integer> done = new ArrayList<>();
        Map<Integer, Loading> loads = new HashMap<>();
        synchronized (this) {
            for (Map.Entry<Integer, Loading> entry : loading.entrySet()) {
                TopicPartition partition = new TopicPartition(Topics.USERS, entry.getKey());
                if (consumer.position(partition) >= entry.getValue().endOffset) {
                    done.add(entry.getKey());
                }
            }
            if (done.isEmpty() || done.size() < loading.size()) {
                return;
            }
            done.forEach(partition -> loads.put(partition, loading.remove(partition)));
            handingOver = true;
        }
        try {
            ledger.load(done, partitionCount);
            for (int partition : done) {
                owned.add(partition);
                LOG.infof("owning users partition %d (%d users)", partition, loads.get(partition).latest.size());
                listener.partitionAssigned(partition, loads.get(partition).latest);
            }
        } finally {
            synchronized (this) {
                handingOver = false;
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedOnce.set(true);
            if (partitions.isEmpty()) {
                return;
            }
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            synchronized (UserDirectory.this) {
                for (TopicPartition partition : partitions) {
                    loading.put(partition.partition(), new Loading(ends.get(partition)));
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions, false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions, true);
        }

        /**
         * {@code lost}: the group gave the partitions away without asking (this member's session expired), so another
         * member may already sync their mailboxes — worth a warning, as both may publish until this one lets go.
         */
        private void release(Collection<TopicPartition> partitions, boolean lost) {
            if (partitions.isEmpty()) {
                return;
            }
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            synchronized (UserDirectory.this) {
                numbers.forEach(loading::remove);
            }
            numbers.forEach(owned::remove);
            if (lost) {
                LOG.warnf("lost users partitions %s: the group moved them on after this replica's session expired",
                        numbers);
            } else {
                LOG.infof("handing over users partitions %s", numbers);
            }
            listener.partitionsRevoked(numbers);
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}
