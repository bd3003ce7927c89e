package com.calroute.routing;

import com.calroute.contracts.Topics;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.routing.ingest.TopicJson;
import com.calroute.routing.ingest.TopicNames;
import com.calroute.routing.status.Status;
import com.calroute.routing.support.Messages;
import com.calroute.routing.support.Producers;
import com.calroute.routing.support.TopicWatcher;
import com.calroute.testing.contract.ContractSchemas;
import com.calroute.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Routing replicas as plain Java on the real (in-process) broker, each scenario on its own topics: statuses out
 * for messages in, idempotency, dead letters, restarts and two replicas sharing the publishing.
 */
class RoutingNodeTest {

    private static final ObjectMapper MAPPER = TopicJson.mapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TENANT = "acme";
    private static final String SWITCHBOARD = "+4722000000";

    private final List<RoutingNode> nodes = new ArrayList<>();
    private String bootstrap;
    private TopicNames topics;
    private String suffix;
    private Producers producer;
    private TopicWatcher status;
    private TopicWatcher dlq;

    @BeforeEach
    void freshTopics() {
        bootstrap = TestKafka.bootstrapServers();
        suffix = "." + UUID.randomUUID().toString().substring(0, 8);
        topics = TopicNames.withSuffix(suffix);
        producer = new Producers(bootstrap);
    }

    @AfterEach
    void stopEverything() {
        nodes.forEach(RoutingNode::close);
        if (status != null) {
            status.close();
            dlq.close();
        }
        producer.close();
    }

    @Test
    void usersAndCalendarsInCorrectStatusesOut() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RoutingNode node = startedNode("a");
        producer.send(topics.tenants(), TENANT, Messages.tenant(TENANT, SWITCHBOARD, 1));
        enrol("u-busy", "+4791000001", 1);
        enrol("u-oof", "+4791000002", 1);
        enrol("u-elsewhere", "+4791000003", 1);
        enrol("u-nocal", "+4791000004", 1);
        producer.send(topics.calendar(), key("u-busy"), Messages.calendar(TENANT, "u-busy", 1,
                Messages.item("m1", now.minusSeconds(600), now.plusSeconds(3000), "BUSY")));
        producer.send(topics.calendar(), key("u-oof"), Messages.calendar(TENANT, "u-oof", 1,
                Messages.item("o1", now.minusSeconds(600), now.plusSeconds(86_400), "OOF"),
                Messages.item("b1", now.minusSeconds(60), now.plusSeconds(60), "BUSY")));
        producer.send(topics.calendar(), key("u-elsewhere"), Messages.calendar(TENANT,
                "u-elsewhere", 1, Messages.item("w1", now.minusSeconds(600), now.plusSeconds(3000), "WORKING_ELSEWHERE")));

        StatusMessage busy = awaitLatest("u-busy", m -> m.state().name().equals("BUSY"));
        StatusMessage oof = awaitLatest("u-oof", m -> m.state().name().equals("OOF"));
        StatusMessage elsewhere = awaitLatest("u-elsewhere", m -> m.state().name().equals("WORKING_ELSEWHERE"));
        StatusMessage noCalendar = awaitLatest("u-nocal", m -> true);

        assertThat(busy.action()).isEqualTo(CallAction.VOICEMAIL);
        assertThat(busy.since()).isEqualTo(now.minusSeconds(600));
        assertThat(busy.until()).isEqualTo(now.plusSeconds(3000));
        assertThat(busy.reason().itemId()).isEqualTo("m1");
        assertThat(oof.action()).isEqualTo(CallAction.FORWARD);
        assertThat(oof.target()).isEqualTo("+4790000000");
        assertThat(oof.reason().itemId()).isEqualTo("o1");
        assertThat(elsewhere.action()).isEqualTo(CallAction.SWITCHBOARD);
        assertThat(elsewhere.target()).isEqualTo(SWITCHBOARD);
        assertThat(noCalendar.state().name()).isEqualTo("AVAILABLE");
        assertThat(noCalendar.reason().source().name()).isEqualTo("UNKNOWN");
        status.all().stream().filter(s -> s.value() != null)
                .forEach(s -> ContractSchemas.assertValid(com.calroute.contracts.Topics.STATUS, s.value()));
        assertThat(versions("u-busy")).as("versions rise from 1 by one").startsWith(1L)
                .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();

        Status lookup = node.table().byNumber("+4791000001").plan().statusAt(Instant.now());
        assertThat(lookup.state().name()).isEqualTo("BUSY");

        producer.send(topics.users(), key("u-busy"), null);
        await().atMost(PATIENCE).until(() -> !status.forKey(key("u-busy")).isEmpty()
                && status.forKey(key("u-busy")).get(status.forKey(key("u-busy")).size() - 1).value() == null);
        assertThat(node.table().byNumber("+4791000001")).as("un-enrolled: lookup answers nothing").isNull();
    }

    @Test
    void duplicateAndOutOfOrderMessagesChangeNothing() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        startedNode("a");
        enrol("u1", "+4792000001", 5);
        String busyV2 = Messages.calendar(TENANT, "u1", 2, Messages.item("m1", now.minusSeconds(60), now.plusSeconds(3600), "BUSY"));
        producer.send(topics.calendar(), key("u1"), busyV2);
        awaitLatest("u1", m -> m.state().name().equals("BUSY"));
        int eventsBefore = status.forKey(key("u1")).size();

        producer.send(topics.calendar(), key("u1"), busyV2);
        producer.send(topics.calendar(), key("u1"), Messages.calendar(TENANT, "u1", 1));
        producer.send(topics.calendar(), key("u1"), Messages.calendar(TENANT, "u1", 2));
        producer.send(topics.users(), key("u1"), Messages.user(TENANT, "u1", "+4792999999", "u1@acme.no", 4));
        producer.send(topics.users(), key("u1"), Messages.user(TENANT, "u1", "+4792000001", "u1@acme.no", 5));
        producer.send(topics.calendar(), key("u1"), Messages.calendar(TENANT, "u1", 3,
                Messages.item("o1", now.minusSeconds(60), now.plusSeconds(3600), "OOF")));

        StatusMessage oof = awaitLatest("u1", m -> m.state().name().equals("OOF"));
        assertThat(status.forKey(key("u1"))).as("only the newer calendar v3 published a change")
                .hasSize(eventsBefore + 1);
        assertThat(oof.number()).as("the older user version did not change the number").isEqualTo("+4792000001");
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndConsumptionContinues() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        startedNode("a");
        enrol("u1", "+4793000001", 1);
        String inverted = Messages.calendar(TENANT, "u1", 2, Messages.item("bad", now.plusSeconds(60), now, "BUSY"));
        producer.send(topics.calendar(), key("u1"), "{not json");
        producer.send(topics.calendar(), key("u1"), inverted);
        producer.send(topics.calendar(), key("u1"), inverted.replace("calroute.calendar.v1", "calroute.calendar.v0"));
        producer.send(topics.users(), key("u2"), Messages.user(TENANT, "u2", "0047123", "u2@acme.no", 1));
        producer.send(topics.calendar(), key("u1"), Messages.calendar(TENANT, "u1", 3,
                Messages.item("m1", now.minusSeconds(60), now.plusSeconds(3600), "BUSY")));

        awaitLatest("u1", m -> m.state().name().equals("BUSY"));
        await().atMost(PATIENCE).until(() -> dlq.all().size() >= 4);
        Map<String, String> reasons = dlq.all().stream().collect(Collectors.toMap(
                s -> new String(s.record().headers().lastHeader(Topics.DEAD_LETTER_SOURCE_HEADER).value(), StandardCharsets.UTF_8),
                s -> new String(s.record().headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(), StandardCharsets.UTF_8)));
        System.out.println("Dead letters: " + reasons);
        assertThat(reasons.values()).anyMatch(r -> r.contains("not a valid CalendarMessage JSON"))
                .anyMatch(r -> r.contains("ends before it starts"))
                .anyMatch(r -> r.contains("schema is calroute.calendar.v0"))
                .anyMatch(r -> r.contains("mobileNumber is not E.164"));
        assertThat(dlq.all()).hasSize(4);
    }

    @Test
    void valuesWithAnUnknownSchemaOrAMissingFieldAreDeadLetteredAndTheLastGoodRouteStays() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        startedNode("a");
        producer.send(topics.tenants(), TENANT, Messages.tenant(TENANT, SWITCHBOARD, 1));
        enrol("u1", "+4793100001", 1);
        producer.send(topics.calendar(), key("u1"), Messages.calendar(TENANT, "u1", 1,
                Messages.item("m1", now.minusSeconds(600), now.plusSeconds(3600), "BUSY")));
        StatusMessage busy = awaitLatest("u1", m -> m.state().name().equals("BUSY"));
        assertThat(busy.action()).isEqualTo(CallAction.VOICEMAIL);
        int busyAt = status.forKey(key("u1")).size() - 1;

        // Each would change u1's route or number if it were applied.
        String emptyCalendar = Messages.calendar(TENANT, "u1", 2);
        producer.send(topics.calendar(), key("u1"), without(emptyCalendar, "syncEnabled"));
        producer.send(topics.calendar(), key("u1"), unknownSchema(Messages.calendar(TENANT, "u1", 3)));
        String otherNumber = Messages.user(TENANT, "u1", "+4793100999", "u1@acme.no", 2);
        producer.send(topics.users(), key("u1"), unknownSchema(otherNumber));
        producer.send(topics.users(), key("u1"), without(otherNumber, "syncEnabled"));
        String otherSwitchboard = Messages.tenant(TENANT, "+4722999999", 2);
        producer.send(topics.tenants(), TENANT, unknownSchema(otherSwitchboard));
        producer.send(topics.tenants(), TENANT, without(otherSwitchboard, "subjectSharing"));
        String ownStatus = status.forKey(key("u1")).get(status.forKey(key("u1")).size() - 1).value();
        producer.send(topics.status(), key("u1"), unknownSchema(ownStatus));
        producer.send(topics.status(), key("u1"), without(ownStatus, "changedAt"));

        // Marker: a later good calendar of the same key; once its status is out, the calendars before it were read.
        producer.send(topics.calendar(), key("u1"), Messages.calendar(TENANT, "u1", 4,
                Messages.item("m2", now.minusSeconds(600), now.plusSeconds(7200), "BUSY")));
        awaitLatest("u1", m -> m.until().equals(now.plusSeconds(7200)));
        assertThat(statesOf("u1", busyAt)).as("never AVAILABLE in between").containsOnly("BUSY");
        // The other topics' refusals: every bad record has been read once all eight are dead-lettered.
        await().atMost(PATIENCE).until(() -> dlq.all().size() >= 8);
        StatusMessage later = latest("u1");
        assertThat(later.state().name()).isEqualTo("BUSY");
        assertThat(later.action()).isEqualTo(CallAction.VOICEMAIL);
        assertThat(later.number()).as("the refused users value did not change the number").isEqualTo("+4793100001");
        assertThat(statesOf("u1", busyAt)).containsOnly("BUSY");
        List<String> reasons = dlq.all().stream().map(s -> new String(
                s.record().headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(), StandardCharsets.UTF_8)).toList();
        System.out.println("Dead letters: " + reasons);
        assertThat(reasons).hasSize(8)
                .filteredOn(r -> r.contains("schema is calroute.something.v9")).hasSize(4);
        assertThat(reasons).filteredOn(r -> r.contains("syncEnabled missing")).hasSize(2);
        assertThat(reasons).anyMatch(r -> r.contains("subjectSharing missing"))
                .anyMatch(r -> r.contains("changedAt missing"));
    }

    private static String unknownSchema(String json) throws Exception {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json))
                .put("schema", "calroute.something.v9").toString();
    }

    private static String without(String json, String field) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json);
        node.remove(field);
        return node.toString();
    }

    private List<String> statesOf(String userId, int from) {
        List<TopicWatcher.Seen> events = status.forKey(key(userId));
        return events.subList(from, events.size()).stream().filter(s -> s.value() != null)
                .map(s -> parse(s.value()).state().name()).toList();
    }

    @Test
    void restartedReplicaIsNotReadyUntilCaughtUpAndPublishesNothingSpurious() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int users = 3000;
        RoutingNode first = node("first");
        producer.send(topics.tenants(), TENANT, Messages.tenant(TENANT, SWITCHBOARD, 1));
        for (int i = 0; i < users; i++) {
            String userId = "u" + i;
            producer.sendAsync(topics.users(), key(userId), Messages.user(TENANT, userId, number(i), userId + "@acme.no", 1));
            if (i % 3 != 0) {
                String type = i % 3 == 1 ? "BUSY" : "OOF";
                producer.sendAsync(topics.calendar(), key(userId), Messages.calendar(TENANT, userId, 1,
                        Messages.item("m" + i, now.minusSeconds(600), now.plusSeconds(7200 + i), type)));
            }
        }
        producer.flush();
        start(first);
        await().atMost(PATIENCE).until(() -> distinctKeys() == users);
        first.overrides().put(first.table().byKey(key("u0")), CallAction.BUSY, null, now.plusSeconds(3600));
        await().atMost(PATIENCE).until(() -> latest("u0") != null && latest("u0").state().name().equals("OVERRIDE"));
        int eventsBeforeRestart = status.all().size();

        RoutingNode second = node("second");
        second.start();
        assertThat(second.isReady()).as("not ready right after start").isFalse();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!second.isReady() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(second.table().size()).as("ready only with every user in the table").isEqualTo(users);
        System.out.printf("Second replica caught up with %d users in %d ms%n", users, second.catchUpMillis());
        Instant at = Instant.now();
        for (int i = 0; i < users; i++) {
            assertThat(second.table().byNumber(number(i)).plan().statusAt(at))
                    .isEqualTo(first.table().byNumber(number(i)).plan().statusAt(at));
        }
        assertThat(second.table().byNumber(number(0)).plan().statusAt(at).state().name()).isEqualTo("OVERRIDE");

        first.close();
        nodes.remove(first);
        await().atMost(PATIENCE).until(() -> second.ownedPartitions().size() == 4);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(status.all()).as("the hand-over published nothing new").hasSize(eventsBeforeRestart));

        long versionBefore = latest("u1").version();
        producer.send(topics.calendar(), key("u1"), Messages.calendar(TENANT, "u1", 2));
        StatusMessage after = awaitLatest("u1", m -> m.state().name().equals("AVAILABLE"));
        assertThat(after.version()).as("the new owner resumed the versions").isEqualTo(versionBefore + 1);
    }

    @Test
    void twoReplicasPublishEachChangeExactlyOnce() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int users = 40;
        RoutingNode a = node("a");
        RoutingNode b = node("b");
        for (int i = 0; i < users; i++) {
            producer.sendAsync(topics.users(), key("u" + i), Messages.user(TENANT, "u" + i, number(i), "u" + i + "@acme.no", 1));
        }
        producer.flush();
        start(a);
        start(b);
        await().atMost(PATIENCE).until(() -> a.ownedPartitions().size() + b.ownedPartitions().size() == 4
                && !a.ownedPartitions().isEmpty() && !b.ownedPartitions().isEmpty());
        await().atMost(PATIENCE).until(() -> distinctKeys() == users);
        int before = status.all().size();
        assertThat(before).as("one initial status per user, not one per replica").isEqualTo(users);

        for (int i = 0; i < users; i++) {
            producer.sendAsync(topics.calendar(), key("u" + i), Messages.calendar(TENANT, "u" + i, 1,
                    Messages.item("m" + i, now.minusSeconds(60), now.plusSeconds(3600), "BUSY")));
        }
        producer.flush();
        await().atMost(PATIENCE).until(() -> status.all().size() >= 2 * users);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(status.all()).as("no change published twice").hasSize(2 * users));
        for (int i = 0; i < users; i++) {
            assertThat(versions("u" + i)).containsExactly(1L, 2L);
        }
        assertThat(a.table().byNumber(number(7)).plan().statusAt(Instant.now()))
                .isEqualTo(b.table().byNumber(number(7)).plan().statusAt(Instant.now()));
    }

    @Test
    void whereTopicsAreNotCreatedAtStartANodeWithoutThemRefusesToStartNamingThem() {
        // Production: CALROUTE_KAFKA_CREATE_TOPICS=false, the topics Job has not run yet (this test's topics are new).
        RoutingNode.Settings settings = new RoutingNode.Settings(Map.of("bootstrap.servers", bootstrap), topics,
                "routing" + suffix, "checking" + suffix, 4, false, Duration.ofSeconds(6), ZoneId.of("Europe/Oslo"),
                Duration.ofSeconds(10), Clock.systemUTC());

        assertThatThrownBy(() -> nodes.add(new RoutingNode(settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topics.users() + " is missing")
                .hasMessageContaining(topics.status() + " is missing")
                .hasMessageContaining("kafka-topics Job");
    }

    // ---- helpers ----

    private RoutingNode node(String name) {
        RoutingNode node = new RoutingNode(new RoutingNode.Settings(Map.of("bootstrap.servers", bootstrap), topics,
                "routing" + suffix,
                name + suffix, 4, true, Duration.ofSeconds(6), ZoneId.of("Europe/Oslo"), Duration.ofSeconds(10),
                Clock.systemUTC()));
        nodes.add(node);
        return node;
    }

    /** A started, ready node; the first one also creates the scenario's topics. */
    private RoutingNode startedNode(String name) {
        return start(node(name));
    }

    private RoutingNode start(RoutingNode node) {
        node.start();
        if (status == null) {
            status = new TopicWatcher(bootstrap, topics.status());
            dlq = new TopicWatcher(bootstrap, topics.dlq());
        }
        await().atMost(PATIENCE).until(node::isReady);
        return node;
    }

    private void enrol(String userId, String number, long version) {
        producer.send(topics.users(), key(userId), Messages.user(TENANT, userId, number, userId + "@acme.no", version));
    }

    private static String key(String userId) {
        return TENANT + "/" + userId;
    }

    private static String number(int i) {
        return "+47950" + String.format("%05d", i);
    }

    private StatusMessage latest(String userId) {
        List<TopicWatcher.Seen> events = status.forKey(key(userId));
        if (events.isEmpty() || events.get(events.size() - 1).value() == null) {
            return null;
        }
        return parse(events.get(events.size() - 1).value());
    }

    private StatusMessage awaitLatest(String userId, java.util.function.Predicate<StatusMessage> condition) {
        return await().atMost(PATIENCE).until(() -> latest(userId), m -> m != null && condition.test(m));
    }

    private List<Long> versions(String userId) {
        return status.forKey(key(userId)).stream().filter(s -> s.value() != null).map(s -> parse(s.value()).version())
                .toList();
    }

    private long distinctKeys() {
        return status.all().stream().map(TopicWatcher.Seen::key).distinct().count();
    }

    private static StatusMessage parse(String json) {
        try {
            return MAPPER.readValue(json, StatusMessage.class);
        } catch (Exception e) {
            throw new AssertionError("status value unreadable: " + json, e);
        }
    }
}
