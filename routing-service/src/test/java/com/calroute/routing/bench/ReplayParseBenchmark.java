package com.calroute.routing.bench;

import com.calroute.routing.ingest.BatchIngest;
import com.calroute.routing.ingest.MessageParser;
import com.calroute.routing.ingest.PoisonMessageException;
import com.calroute.routing.ingest.TopicJson;
import com.calroute.routing.ingest.TopicNames;
import com.calroute.routing.ingest.Update;
import com.calroute.routing.ingest.UserTable;
import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.support.QuietListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up replay's parse and apply, without Kafka (issue #21): one tenant, then {@code bench.users} users and
 * their calendars of the shapes bench/routing-bench's SeedUsers publishes, in batches of the ingest loop's
 * max.poll.records, through {@link BatchIngest} as the loop calls it — once on the calling thread only, once with
 * the pool. A warm-up pass of each first, then {@code bench.runs} timed runs of each, alternating. Not part of
 * {@code verify} (no *Test/*IT name); run it with
 * {@code mvn -o -pl routing-service -am test -Dtest=ReplayParseBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * "-Dtest.jvm.args=-Xmx3g"} (the tests' 1 GB heap is too tight for the records and the table at once).
 */
class ReplayParseBenchmark {

    static final int USERS = Integer.getInteger("bench.users", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /** The ingest loop's max.poll.records. */
    private static final int POLL = 5_000;
    static final TopicNames TOPICS = TopicNames.standard();

    @Test
    void replay() {
        List<List<ConsumerRecord<String, String>>> polls = polls(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        int records = polls.stream().mapToInt(List::size).sum();
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("REPLAY %d records (%d users with calendars) in polls of %d, %d processors%n",
                records, USERS, POLL, threads);
        recordByRecord(polls);
        replay(polls, 1);
        replay(polls, threads);
        for (int run = 1; run <= RUNS; run++) {
            System.out.printf("REPLAY run %d: record by record (the loop before #21) %d ms, calling thread only %d ms,"
                    + " pool of %d %d ms%n", run, recordByRecord(polls), replay(polls, 1), threads,
                    replay(polls, threads));
        }
    }

    /** Milliseconds for the loop's code before #21: each record parsed and applied in turn, no batch step. */
    private static long recordByRecord(List<List<ConsumerRecord<String, String>>> polls) {
        UserTable table = new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), key -> 0);
        CountingListener listener = new CountingListener();
        MessageParser parser = new MessageParser(TopicJson.mapper(), TOPICS);
        System.gc();
        long started = System.nanoTime();
        for (List<ConsumerRecord<String, String>> poll : polls) {
            for (ConsumerRecord<String, String> record : poll) {
                Update update;
                try {
                    update = parser.parse(record.topic(), record.key(), record.value());
                } catch (PoisonMessageException e) {
                    listener.poison(record, e.getMessage());
                    continue;
                }
                listener.applied(update, table.apply(update));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(listener.poison).as("every bench record is valid").isZero();
        assertThat(table.size()).isEqualTo(USERS);
        return millis;
    }

    /** Milliseconds to parse and apply every poll with {@code threads} parsing threads. */
    private static long replay(List<List<ConsumerRecord<String, String>>> polls, int threads) {
        UserTable table = new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), key -> 0);
        CountingListener listener = new CountingListener();
        MessageParser parser = new MessageParser(TopicJson.mapper(), TOPICS);
        System.gc();
        long started = System.nanoTime();
        try (BatchIngest batches = new BatchIngest("bench", TOPICS, parser::parse, table, listener, threads)) {
            for (List<ConsumerRecord<String, String>> poll : polls) {
                batches.ingest(poll);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(listener.poison).as("every bench record is valid").isZero();
        assertThat(listener.applied).isEqualTo(1 + 2L * USERS);
        assertThat(table.size()).isEqualTo(USERS);
        return millis;
    }

    /** The tenant, every user, then every calendar, cut into polls as the consumer would hand them over. */
    static List<List<ConsumerRecord<String, String>>> polls(Instant now) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>(1 + 2 * USERS);
        all.add(new ConsumerRecord<>(TOPICS.tenants(), 0, 0, "bench", """
                {"schema":"calroute.tenants.v1","version":1,"tenantId":"bench","name":"Bench AS",\
                "switchboardNumber":"+4722000000","timeZone":"Europe/Oslo","subjectSharing":false,\
                "connectionKind":"EWS","connectionVersion":1,"changedAt":"%s"}""".formatted(now)));
        for (int i = 0; i < USERS; i++) {
            all.add(new ConsumerRecord<>(TOPICS.users(), 0, i, "bench/user-" + i, user(i, now)));
        }
        Random random = new Random(42);
        for (int i = 0; i < USERS; i++) {
            all.add(new ConsumerRecord<>(TOPICS.calendar(), 0, i, "bench/user-" + i, calendar(i, now, random)));
        }
        List<List<ConsumerRecord<String, String>>> polls = new ArrayList<>();
        for (int from = 0; from < all.size(); from += POLL) {
            polls.add(List.copyOf(all.subList(from, Math.min(all.size(), from + POLL))));
        }
        return polls;
    }

    private static String user(int i, Instant now) {
        List<String> callers = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            callers.add("\"+4798" + String.format("%06d", (i * 5 + k) % 1_000_000) + '"');
        }
        String userId = "user-" + i;
        return """
                {"schema":"calroute.users.v1","version":1,"tenantId":"bench","userId":"%s",\
                "email":"%s@bench.no","mobileNumber":"%s","displayName":null,"syncEnabled":true,\
                "statusSettings":{"TENTATIVE":{"action":"RING","target":null},\
                "BUSY":{"action":"VOICEMAIL","target":null},"OOF":{"action":"FORWARD","target":"+4790000000"},\
                "WORKING_ELSEWHERE":{"action":"SWITCHBOARD","target":null}},"changedAt":"%s",\
                "priorityCallers":[%s],"colleaguesRingThrough":%s}"""
                .formatted(userId, userId, "+474" + String.format("%07d", i), now, String.join(",", callers),
                        i % 2 == 0);
    }

    private static String calendar(int i, Instant now, Random random) {
        List<String> items = new ArrayList<>();
        if (i % 5 == 0) {
            items.add(item("now-" + i, now.minusSeconds(900), now.plusSeconds(2700), "BUSY"));
        }
        String[] types = {"BUSY", "BUSY", "TENTATIVE", "OOF", "WORKING_ELSEWHERE"};
        for (int k = 0; k < 6; k++) {
            Instant start = now.plus(1 + random.nextInt(14 * 24), ChronoUnit.HOURS);
            items.add(item("m" + k + "-" + i, start, start.plusSeconds(1800L * (1 + random.nextInt(4))),
                    types[random.nextInt(types.length)]));
        }
        return """
                {"schema":"calroute.calendar.v1","version":1,"tenantId":"bench","userId":"user-%d","windowStart":"%s",\
                "windowEnd":"%s","calendarAsOf":"%s","syncEnabled":true,"items":[%s],"publishedAt":"%s"}"""
                .formatted(i, now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS), now,
                        String.join(",", items), now);
    }

    private static String item(String id, Instant start, Instant end, String busyType) {
        return """
                {"itemId":"%s","changeKey":"ck","start":"%s","end":"%s","allDay":false,"startDate":null,\
                "endDate":null,"timeZone":null,"busyType":"%s","sensitivity":"NORMAL","cancelled":false,\
                "subject":null,"location":null}""".formatted(id, start, end, busyType);
    }

    /** Counts what the loop's listener would hear; the node's own listener work is not the replay's parse. */
    static final class CountingListener extends QuietListener {

        long applied;
        long poison;

        @Override
        public void applied(Update update, Set<String> changedKeys) {
            applied++;
        }

        @Override
        public void poison(ConsumerRecord<String, String> record, String reason) {
            poison++;
        }

    }
}
