package com.calroute.routing.ingest;

import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.support.Messages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A poll's records reach the table and the listener in the order they came, whether the batch was parsed on the
 * pool or on the calling thread; only batches large enough to pay are handed to the pool.
 */
class BatchIngestTest {

    private static final String KEY = "acme/u1";

    private final TopicNames topics = TopicNames.standard();
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), topics);
    private final UserTable table = new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), k -> 0);
    private final Set<String> parsingThreads = ConcurrentHashMap.newKeySet();
    private final RecordingListener listener = new RecordingListener();
    private final BatchIngest batches = new BatchIngest("test", topics, (topic, key, value) -> {
        parsingThreads.add(Thread.currentThread().getName());
        return parser.parse(topic, key, value);
    }, table, listener, 2);

    @AfterEach
    void close() {
        batches.close();
    }

    @Test
    void aLargeBatchIsParsedOnThePoolAndAppliedInRecordOrder() {
        int versions = 3 * BatchIngest.CHUNK;
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int version = 1; version <= versions; version++) {
            if (version == BatchIngest.CHUNK) {
                // Would win over every version after it if it were applied.
                records.add(record(topics.users(), records.size(),
                        Messages.user("acme", "u1", "0047123", "u1@acme.no", versions + 1)));
                expected.add("poison at " + (records.size() - 1) + ": mobileNumber is not E.164");
                records.add(record(topics.dlq(), records.size(), "{}"));
                expected.add("dead-lettered " + (records.size() - 1));
            }
            records.add(record(topics.users(), records.size(),
                    Messages.user("acme", "u1", number(version), "u1@acme.no", version)));
            expected.add("applied version " + version);
        }

        batches.ingest(records);

        assertThat(listener.events).containsExactlyElementsOf(expected);
        assertThat(listener.threads).containsOnly(Thread.currentThread().getName());
        assertThat(parsingThreads).isNotEmpty().allMatch(name -> name.startsWith("test-parse-"));
        assertThat(table.byNumber(number(versions)).key()).isEqualTo(KEY);
        assertThat(table.byNumber(number(versions - 1))).isNull();
    }

    @Test
    void aSmallBatchStaysOnTheCallingThread() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int version = 1; version < BatchIngest.PARALLEL_FROM; version++) {
            records.add(record(topics.users(), records.size(),
                    Messages.user("acme", "u1", number(version), "u1@acme.no", version)));
        }

        batches.ingest(records);

        assertThat(parsingThreads).containsOnly(Thread.currentThread().getName());
        assertThat(listener.events).hasSize(records.size()).last().isEqualTo("applied version " + records.size());
        assertThat(table.byNumber(number(records.size())).key()).isEqualTo(KEY);
    }

    @Test
    void aFaultWhileParsingIsThrownAtItsRecordsTurnAfterTheRecordsBeforeIt() {
        int before = BatchIngest.CHUNK + 10;
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int version = 1; version <= 2 * BatchIngest.CHUNK; version++) {
            if (version == before + 1) {
                records.add(record("a.topic.routing.does.not.read", records.size(), "{}"));
            }
            records.add(record(topics.users(), records.size(),
                    Messages.user("acme", "u1", number(version), "u1@acme.no", version)));
        }

        assertThatThrownBy(() -> batches.ingest(records)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a topic routing parses");

        assertThat(listener.events).hasSize(before).last().isEqualTo("applied version " + before);
        assertThat(table.byNumber(number(before)).key()).isEqualTo(KEY);
    }

    private static String number(int version) {
        return "+4791" + String.format("%06d", version);
    }

    private static ConsumerRecord<String, String> record(String topic, long offset, String value) {
        return new ConsumerRecord<>(topic, 0, offset, KEY, value);
    }
}
