package com.calroute.bench.routing;

import com.calroute.contracts.Topics;
import com.calroute.contracts.kafka.TopicSetup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Seeds N users with calendars the way config-service and calendar-sync-service would: one tenant, N enrolled
 * users (numbers +4740000000 + i), each with {@value #PRIORITY_CALLERS} priority callers and every other one letting
 * colleagues ring through, and for each a calendar window with a handful of meetings over the next two weeks (a fifth
 * of them in a meeting right now). Creates the topics first, as the services do.
 */
public final class SeedUsers {

    /** The services' default partition count (calroute.kafka.partitions). */
    private static final int PARTITIONS = 12;

    /** How many priority callers each bench user lists. */
    public static final int PRIORITY_CALLERS = 5;

    private SeedUsers() {
    }

    /** Arguments: bootstrap servers, user count. */
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int users = Integer.parseInt(args[1]);
        createTopics(bootstrap);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("linger.ms", "20");
        props.put("batch.size", "262144");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Random random = new Random(42);
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.TENANTS, "bench", """
                    {"schema":"calroute.tenants.v1","version":1,"tenantId":"bench","name":"Bench AS",\
                    "switchboardNumber":"+4722000000","timeZone":"Europe/Oslo","subjectSharing":false,\
                    "connectionKind":"EWS","connectionVersion":1,"changedAt":"%s"}""".formatted(now)));
            for (int i = 0; i < users; i++) {
                String userId = "user-" + i;
                String key = "bench/" + userId;
                producer.send(new ProducerRecord<>(Topics.USERS, key, """
                        {"schema":"calroute.users.v1","version":1,"tenantId":"bench","userId":"%s",\
                        "email":"%s@bench.no","mobileNumber":"%s","displayName":null,"syncEnabled":true,\
                        "statusSettings":{"TENTATIVE":{"action":"RING","target":null},\
                        "BUSY":{"action":"VOICEMAIL","target":null},"OOF":{"action":"FORWARD","target":"+4790000000"},\
                        "WORKING_ELSEWHERE":{"action":"SWITCHBOARD","target":null}},"changedAt":"%s",\
                        "priorityCallers":[%s],"colleaguesRingThrough":%s}"""
                        .formatted(userId, userId, number(i), now, priorityCallersJson(i), i % 2 == 0)));
                producer.send(new ProducerRecord<>(Topics.CALENDAR, key, calendar(userId, now, random, i)));
            }
            producer.flush();
        }
        System.out.printf("seeded %d users with calendars in %d ms%n", users, (System.nanoTime() - started) / 1_000_000);
    }

    /** Priority caller k (0 ≤ k < {@value #PRIORITY_CALLERS}) of bench user i: numbers no bench user holds. */
    public static String priorityCaller(int i, int k) {
        return "+4798" + padded((i * PRIORITY_CALLERS + k) % 1_000_000, 6);
    }

    private static String priorityCallersJson(int i) {
        List<String> numbers = new ArrayList<>();
        for (int k = 0; k < PRIORITY_CALLERS; k++) {
            numbers.add('"' + priorityCaller(i, k) + '"');
        }
        return String.join(",", numbers);
    }

    /** The number of bench user i. */
    public static String number(int i) {
        return "+474" + padded(i, 7);
    }

    /** {@code value} in decimal with leading zeros to {@code width} digits; the load generator calls it per request. */
    static String padded(int value, int width) {
        char[] digits = new char[width];
        for (int d = width - 1; d >= 0; d--, value /= 10) {
            digits[d] = (char) ('0' + value % 10);
        }
        return new String(digits);
    }

    private static String calendar(String userId, Instant now, Random random, int i) {
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
                {"schema":"calroute.calendar.v1","version":1,"tenantId":"bench","userId":"%s","windowStart":"%s",\
                "windowEnd":"%s","calendarAsOf":"%s","syncEnabled":true,"items":[%s],"publishedAt":"%s"}"""
                .formatted(userId, now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS), now,
                        String.join(",", items), now);
    }

    private static String item(String id, Instant start, Instant end, String busyType) {
        return """
                {"itemId":"%s","changeKey":"ck","start":"%s","end":"%s","allDay":false,"startDate":null,\
                "endDate":null,"timeZone":null,"busyType":"%s","sensitivity":"NORMAL","cancelled":false,\
                "subject":null,"location":null}""".formatted(id, start, end, busyType);
    }

    /** The suite's topics as the services create them (one declaration: {@link Topics#DECLARED}). */
    private static void createTopics(String bootstrap) {
        TopicSetup.ensure(Map.of("bootstrap.servers", bootstrap),
                Topics.DECLARED.stream().map(Topics.Declared::name).toList(), PARTITIONS);
    }
}
