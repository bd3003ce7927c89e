package com.calroute.routing.ingest;

import com.calroute.contracts.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replica's reader of everything: a plain {@link KafkaConsumer} with {@code assign()} on every partition of
 * the table topics, from the beginning, with no consumer group. A SmallRye channel would join a group and get
 * only some partitions, but every replica needs all of them to answer any lookup; and the start-up replay must
 * be measured against the end offsets captured before it, which a manual assignment makes plain.
 *
 * <p>All table writes happen on this one thread, in offset order per partition; only the parsing of a large batch
 * (the replay's) is spread over a small pool ({@link BatchIngest}), and the replay's routes are compiled once, on all
 * cores, when it ends ({@link UserTable#deferCompilation}). After each batch the {@link Listener} hears about
 * changed keys, poison records and the moment the replay reached the end offsets captured at start (the readiness
 * signal).
 */
public final class IngestLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestLoop.class);

    /** What the node does with what the loop reads; called on the loop's thread. */
    public interface Listener {

        /** A record that was applied; {@code changedKeys} are the users whose route changed. */
        void applied(Update update, java.util.Set<String> changedKeys);

        /** A record that cannot be used. */
        void poison(ConsumerRecord<String, String> record, String reason);

        /** A record on the dead-letter topic (how the node learns what was already dead-lettered). */
        void deadLettered(ConsumerRecord<String, String> record);

        /**
         * The routes compiled as the replay ended (the replay marks changed users instead of compiling each change,
         * {@link UserTable#deferCompilation}); heard before {@link #caughtUp}.
         */
        void compiled(java.util.Set<String> keys);

        /** The replay reached the end offsets captured at start. */
        void caughtUp();

        /** Called after every poll, also when it returned nothing. */
        void afterPoll();
    }

    private final TopicNames topics;
    private final UserTable table;
    private final Listener listener;
    private final BatchIngest batches;
    private final KafkaConsumer<String, String> consumer;
    private final ConsumerThread thread;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Object positionMonitor = new Object();
    private Map<TopicPartition, Long> startEndOffsets;
    private volatile boolean caughtUp;
    private volatile long caughtUpAtNanos;
    private final long startedNanos = System.nanoTime();

    /** A loop reading {@code topics} from the broker of {@code kafka} into {@code table}. */
    public IngestLoop(Map<String, Object> kafka, String clientId, TopicNames topics, MessageParser parser, UserTable table,
                      Listener listener) {
        this.topics = topics;
        this.table = table;
        this.listener = listener;
        this.batches = new BatchIngest(clientId, topics, parser::parse, table, listener,
                Runtime.getRuntime().availableProcessors());
        Properties props = new Properties();
        props.putAll(kafka);
        props.put("client.id", clientId);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("max.poll.records", "5000");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new ConsumerThread(clientId, consumer, this::run);
    }

    /** Assigns every partition, captures the end offsets the replay must reach, and starts reading. */
    public void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics.tableTopics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        startEndOffsets = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        table.deferCompilation();
        thread.start();
    }

    /** Whether the replay reached the end offsets captured at start. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** How long the start-up replay took, in milliseconds (-1 while it runs). */
    public long catchUpMillis() {
        return caughtUp ? (caughtUpAtNanos - startedNanos) / 1_000_000 : -1;
    }

    /** The offset up to which this loop applied a partition (exclusive). */
    public long position(TopicPartition partition) {
        return positions.getOrDefault(partition, 0L);
    }

    /** The consumer's position on a partition; only for the loop's own thread (the listener's callbacks). */
    public long positionOnLoopThread(TopicPartition partition) {
        return consumer.position(partition);
    }

    /** Waits until the loop has applied {@code partition} beyond {@code offset}; false on timeout. */
    public boolean awaitApplied(TopicPartition partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (positionMonitor) {
            while (position(partition) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                positionMonitor.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void run() {
        try {
            while (thread.running()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                batches.ingest(batch);
                for (TopicPartition partition : records.partitions()) {
                    positions.put(partition, consumer.position(partition));
                }
                if (!caughtUp && reachedStartEndOffsets()) {
                    listener.compiled(table.compileDeferred());
                    caughtUpAtNanos = System.nanoTime();
                    caughtUp = true;
                    LOG.infof("lookup table caught up: %d users in %d ms", table.size(), catchUpMillis());
                    listener.caughtUp();
                }
                synchronized (positionMonitor) {
                    positionMonitor.notifyAll();
                }
                listener.afterPoll();
            }
        } catch (WakeupException e) {
            if (thread.running()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("ingest loop stopped by an unexpected fault; the replica stays unready", e);
            caughtUp = false;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private boolean reachedStartEndOffsets() {
        for (Map.Entry<TopicPartition, Long> end : startEndOffsets.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        thread.stop();
        batches.close();
    }
}
