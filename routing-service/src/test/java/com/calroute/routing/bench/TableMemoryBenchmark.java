package com.calroute.routing.bench;

import com.calroute.routing.ingest.BatchIngest;
import com.calroute.routing.ingest.MessageParser;
import com.calroute.routing.ingest.TopicJson;
import com.calroute.routing.ingest.UserTable;
import com.calroute.routing.status.StatusEngine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lookup table's heap per user, without Kafka (issue #21): {@link ReplayParseBenchmark}'s records replayed into a
 * table, the heap measured after full collections before and after, and the table's largest classes printed. Not part
 * of {@code verify}; run it like ReplayParseBenchmark, with {@code -Dtest=TableMemoryBenchmark}.
 */
class TableMemoryBenchmark {

    @Test
    void heapPerUser() throws Exception {
        List<List<ConsumerRecord<String, String>>> polls =
                ReplayParseBenchmark.polls(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        long before = usedAfterCollections();
        UserTable table = new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), key -> 0);
        MessageParser parser = new MessageParser(TopicJson.mapper(), ReplayParseBenchmark.TOPICS);
        try (BatchIngest batches = new BatchIngest("bench", ReplayParseBenchmark.TOPICS, parser::parse, table,
                new ReplayParseBenchmark.CountingListener(), Runtime.getRuntime().availableProcessors())) {
            for (List<ConsumerRecord<String, String>> poll : polls) {
                batches.ingest(poll);
            }
        }
        long after = usedAfterCollections();
        assertThat(table.size()).isEqualTo(ReplayParseBenchmark.USERS);
        System.out.printf("TABLE %d users: %d bytes of heap per user%n", table.size(),
                (after - before) / table.size());
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        histogram.lines().limit(40).forEach(line -> System.out.println("TABLE " + line));
        assertThat(polls).isNotEmpty();
    }

    private static long usedAfterCollections() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
