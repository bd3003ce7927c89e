package com.calroute.routing.ingest;

import com.calroute.contracts.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.Consumer;
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
import java.util.Collection;
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
 * cores, when it ends ({@link UserTable#deferCompilation}). During the replay the loop polls the next batch while the
 * pool parses the last one, and applies the last one after that poll: the poll's own work (decompressing,
 * decoding) would otherwise leave the pool idle. A batch's positions are the ones captured right after it was
 * polled, published only once it is applied, so the positions, the catch-up and everything the listener does follow
 * what the table holds, not what the consumer has read ahead. The batch that reaches the end offsets, and every
 * batch after the replay, is applied before the next poll. After each applied batch the {@link Listener} hears
 * about changed keys, poison records and the moment the replay reached the end offsets captured at start (the
 * readiness signal).
 */
public final class IngestLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestLoop.class);

    /** How long a poll waits for records when no batch is being parsed. */
    private static final Duration POLL_WAIT = Duration.ofMillis(100);

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

        /** Called after every applied batch, also an empty one (a poll that returned nothing). */
        void afterBatch();
    }

    private final TopicNames topics;
    private final UserTable table;
    private final Listener listener;
    private final BatchIngest batches;
    private final Consumer<String, String> consumer;
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
        this(new KafkaConsumer<>(consumerProperties(kafka, clientId)), clientId, topics, table, listener,
                new BatchIngest(clientId, topics, parser::parse, table, listener,
                        Runtime.getRuntime().availableProcessors()));
    }

    /** A loop reading {@code topics} through {@code consumer}, its batches parsed and applied by {@code batches}. */
    IngestLoop(Consumer<String, String> consumer, String clientId, TopicNames topics, UserTable table, Listener listener,
               BatchIngest batches) {
        this.topics = topics;
        this.table = table;
        this.listener = listener;
        this.batches = batches;
        this.consumer = consumer;
        this.thread = new ConsumerThread(clientId, consumer, this::run);
    }

    private static Properties consumerProperties(Map<String, Object> kafka, String clientId) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put("client.id", clientId);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("max.poll.records", "5000");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        return props;
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

    /**
     * The consumer's position on a partition; only for the loop's own thread (the listener's callbacks). Once the
     * replay is over it is also the applied position: only the replay polls ahead of what it applied.
     */
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
            Polled replaying = null; // a replay batch parsing on the pool while the next poll runs
            while (thread.running()) {
                ConsumerRecords<String, String> records = consumer.poll(replaying == null ? POLL_WAIT : Duration.ZERO);
                List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                Polled polled = new Polled(batches.parse(batch), readTo(records));
                if (replaying != null) {
                    applyBatch(replaying);
                    replaying = null;
                }
                if (!caughtUp && polled.parsing().onPool() && !reachesStartEndOffsets(polled.readTo())) {
                    replaying = polled;
                } else {
                    applyBatch(polled);
                }
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

    /** A polled batch and the positions the consumer had right after polling it. */
    private record Polled(BatchIngest.Parsing parsing, Map<TopicPartition, Long> readTo) {
    }

    /**
     * The consumer's positions after a poll: on the partitions it returned records for, and during the replay on every
     * partition (the catch-up is judged on them once the batch is applied).
     */
    private Map<TopicPartition, Long> readTo(ConsumerRecords<String, String> records) {
        Collection<TopicPartition> partitions = caughtUp ? records.partitions() : startEndOffsets.keySet();
        Map<TopicPartition, Long> readTo = new HashMap<>();
        for (TopicPartition partition : partitions) {
            readTo.put(partition, consumer.position(partition));
        }
        return readTo;
    }

    private void applyBatch(Polled polled) {
        batches.apply(polled.parsing());
        positions.putAll(polled.readTo());
        if (!caughtUp && reachesStartEndOffsets(polled.readTo())) {
            listener.compiled(table.compileDeferred());
            caughtUpAtNanos = System.nanoTime();
            caughtUp = true;
            LOG.infof("lookup table caught up: %d users in %d ms", table.size(), catchUpMillis());
            listener.caughtUp();
        }
        synchronized (positionMonitor) {
            positionMonitor.notifyAll();
        }
        listener.afterBatch();
    }

    private boolean reachesStartEndOffsets(Map<TopicPartition, Long> readTo) {
        for (Map.Entry<TopicPartition, Long> end : startEndOffsets.entrySet()) {
            if (readTo.getOrDefault(end.getKey(), 0L) < end.getValue()) {
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
