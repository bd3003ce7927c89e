package com.calroute.routing.ingest;

import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.support.Messages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop against a mock consumer: during the replay it polls the next batch while the pool parses the last one,
 * yet its positions, its catch-up and its listener follow only what it applied; the batch that reaches the end
 * offsets, and every batch after, is applied before the next poll.
 */
class IngestLoopTest {

    /** Records per poll: enough to be parsed on the pool. */
    private static final int BATCH = 2 * BatchIngest.PARALLEL_FROM;

    private final TopicNames topics = TopicNames.standard();
    private final TopicPartition users = new TopicPartition(topics.users(), 0);
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), topics);
    private final UserTable table = new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), k -> 0);
    private final RecordingListener listener = new RecordingListener();
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    /** Lets a test hold the parsing of the first record until it says so. */
    private volatile CountDownLatch firstRecordMayParse = new CountDownLatch(0);
    private final AtomicBoolean firstRecordWaitedInVain = new AtomicBoolean();
    private IngestLoop loop;

    @BeforeEach
    void topics() {
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        for (String topic : topics.tableTopics()) {
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            beginnings.put(new TopicPartition(topic, 0), 0L);
        }
        consumer.updateBeginningOffsets(beginnings);
        BatchIngest batches = new BatchIngest("test", topics, (topic, key, value) -> {
            if (key.equals(key(1))) {
                awaitFirstRecordMayParse();
            }
            return parser.parse(topic, key, value);
        }, table, listener, 2);
        loop = new IngestLoop(consumer, "test-ingest", topics, table, listener, batches);
    }

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void duringTheReplayTheNextBatchIsPolledWhileThePoolParsesTheLastOne() throws Exception {
        endOffsets(2 * BATCH);
        firstRecordMayParse = new CountDownLatch(1);
        AtomicLong appliedAtSecondPoll = new AtomicLong(-1);
        AtomicBoolean caughtUpAtSecondPoll = new AtomicBoolean(true);
        consumer.schedulePollTask(() -> addUsers(1, BATCH));
        consumer.schedulePollTask(() -> {
            appliedAtSecondPoll.set(loop.position(users));
            caughtUpAtSecondPoll.set(loop.isCaughtUp());
            addUsers(BATCH + 1, 2 * BATCH);
            firstRecordMayParse.countDown();
        });

        loop.start();
        awaitCaughtUp();

        assertThat(firstRecordWaitedInVain).as("the second poll came while the first batch was parsed").isFalse();
        assertThat(appliedAtSecondPoll).as("applied position at the second poll").hasValue(0);
        assertThat(caughtUpAtSecondPoll).as("caught up at the second poll").isFalse();
        assertThat(loop.position(users)).isEqualTo(2 * BATCH);
        assertThat(listener.events).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 2 * BATCH).mapToObj(version -> "applied version " + version).toList());
        assertThat(table.size()).isEqualTo(2 * BATCH);
    }

    @Test
    void theBatchReachingTheEndOffsetsAndEveryBatchAfterItAreAppliedBeforeTheNextPoll() throws Exception {
        endOffsets(BATCH);
        // A partition the live batch has no records of: its position is not read again after the replay.
        consumer.updateEndOffsets(Map.of(new TopicPartition(topics.tenants(), 0), 1L));
        AtomicLong appliedAtSecondPoll = new AtomicLong(-1);
        AtomicBoolean caughtUpAtSecondPoll = new AtomicBoolean();
        AtomicLong appliedAtThirdPoll = new AtomicLong(-1);
        AtomicLong heardAtThirdPoll = new AtomicLong(-1);
        CountDownLatch thirdPoll = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(topics.tenants(), 0, 0, "acme", Messages.tenant("acme", "+4722000000", 1)));
            addUsers(1, BATCH);
        });
        consumer.schedulePollTask(() -> {
            appliedAtSecondPoll.set(loop.position(users));
            caughtUpAtSecondPoll.set(loop.isCaughtUp());
            addUsers(BATCH + 1, 2 * BATCH);
        });
        consumer.schedulePollTask(() -> {
            appliedAtThirdPoll.set(loop.position(users));
            heardAtThirdPoll.set(listener.events.size());
            thirdPoll.countDown();
        });

        loop.start();

        assertThat(thirdPoll.await(10, TimeUnit.SECONDS)).as("third poll").isTrue();
        assertThat(caughtUpAtSecondPoll).as("caught up at the second poll").isTrue();
        assertThat(appliedAtSecondPoll).as("applied position at the second poll").hasValue(BATCH);
        assertThat(appliedAtThirdPoll).as("applied position at the third poll").hasValue(2 * BATCH);
        assertThat(heardAtThirdPoll).as("records heard by the third poll").hasValue(2 * BATCH + 1);
    }

    private void endOffsets(long usersEnd) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : topics.tableTopics()) {
            ends.put(new TopicPartition(topic, 0), topic.equals(topics.users()) ? usersEnd : 0L);
        }
        consumer.updateEndOffsets(ends);
    }

    /** Users {@code from}..{@code to}, user n at offset n - 1 with version n. */
    private void addUsers(int from, int to) {
        for (int n = from; n <= to; n++) {
            consumer.addRecord(new ConsumerRecord<>(topics.users(), 0, n - 1, key(n),
                    Messages.user("acme", "u" + n, "+4791" + String.format("%06d", n), "u" + n + "@acme.no", n)));
        }
    }

    private void awaitFirstRecordMayParse() {
        try {
            if (!firstRecordMayParse.await(5, TimeUnit.SECONDS)) {
                firstRecordWaitedInVain.set(true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            firstRecordWaitedInVain.set(true);
        }
    }

    private static String key(int n) {
        return "acme/u" + n;
    }

    private void awaitCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!loop.isCaughtUp() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(loop.isCaughtUp()).as("caught up").isTrue();
    }
}
