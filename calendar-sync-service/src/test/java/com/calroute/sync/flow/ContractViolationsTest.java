package com.calroute.sync.flow;

import com.calroute.contracts.Topics;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.DeadLetterWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.Via;
import com.calroute.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Values that break the contract — an unknown {@code schema}, a required field missing — on the topics sync
 * consumes are never applied: the user stays opted in, the tenant keeps its settings, and each such record is on
 * {@code calroute.sync.dlq.v1} with a reason. Each case ends with a later good marker, so "nothing changed" is
 * checked after the service has provably read past the bad records.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class ContractViolationsTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static CalendarWatcher calendars;
    private static DeadLetterWatcher deadLetters;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void watch() {
        calendars = new CalendarWatcher();
        deadLetters = new DeadLetterWatcher();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        calendars.close();
        deadLetters.close();
        producer.close();
    }

    private static EwsSimulator sim() {
        return SharedSimulator.get();
    }

    @Test
    void aUsersValueWithAnUnknownSchemaOrAMissingFieldLeavesTheUserOptedIn() throws Exception {
        String tenant = Via.EWS.tenant("contract-users");
        String mailbox = Via.EWS.mailbox("ada@contract-users.example");
        String key = enrolOptedIn(tenant, "u-ada", mailbox, true);
        int published = calendars.of(key).size();

        send(Topics.USERS, key, user(tenant, "u-ada", mailbox, 2, json -> {
            json.put("schema", "calroute.something.v9");
            json.put("syncEnabled", false);
        }));
        send(Topics.USERS, key, user(tenant, "u-ada", mailbox, 3, json -> json.remove("syncEnabled")));
        send(Topics.USERS, key, user(tenant, "u-ada", mailbox, 4, json -> json.remove("statusSettings")));

        // Marker: a good user in the same users.v1 partition, enrolled after the bad records; once its first
        // calendar is out, sync has read past them.
        String markerUser = userInSamePartition(tenant, key);
        String markerMailbox = Via.EWS.mailbox(markerUser + "@contract-users.example");
        String markerKey = enrolOptedIn(tenant, markerUser, markerMailbox, false);
        // And Ada's own mailbox is still followed: a change in it is still published.
        sim().control().createAppointment(mailbox, Simulators.startingIn("Later", "PT4H", "PT1H", "Normal"));
        CalendarWatcher.Seen next = calendars.await(key, published, s -> s.tombstone() || !s.message().syncEnabled()
                || s.message().items().size() == 2, GENEROUS);
        assertThat(next.tombstone()).isFalse();
        assertThat(next.message().syncEnabled()).as("sync stays on for " + key).isTrue();
        assertThat(calendars.of(key)).allSatisfy(seen -> {
            assertThat(seen.tombstone()).isFalse();
            assertThat(seen.message().syncEnabled()).as("sync stays on for " + key).isTrue();
        });
        await().atMost(GENEROUS).until(() -> deadLetters.of(key).size() >= 3);
        assertThat(deadLetters.of(key)).extracting(DeadLetterWatcher.Letter::reason).satisfiesExactly(
                reason -> assertThat(reason).contains("schema"),
                reason -> assertThat(reason).contains("syncEnabled"),
                reason -> assertThat(reason).contains("statusSettings"));
        assertThat(deadLetters.of(key)).allSatisfy(letter -> {
            assertThat(letter.source()).startsWith(Topics.USERS + "/");
            assertThat(letter.value()).isNotNull();
        });
        assertThat(deadLetters.of(markerKey)).isEmpty();
    }

    @Test
    void aTenantsValueWithAnUnknownSchemaOrAMissingFieldLeavesTheTenantsSettings() throws Exception {
        String tenant = Via.EWS.tenant("contract-tenants");
        String mailbox = Via.EWS.mailbox("bo@contract-tenants.example");
        String key = enrolOptedIn(tenant, "u-bo", mailbox, true);
        int published = calendars.of(key).size();

        // Both would switch subject sharing on if they were applied.
        send(Topics.TENANTS, tenant, tenant(tenant, 2, json -> json.put("schema", "calroute.something.v9")));
        send(Topics.TENANTS, tenant, tenant(tenant, 3, json -> json.remove("switchboardNumber")));
        await().atMost(GENEROUS).until(() -> deadLetters.of(tenant).size() >= 2);
        assertThat(deadLetters.of(tenant)).extracting(DeadLetterWatcher.Letter::reason).satisfiesExactly(
                reason -> assertThat(reason).contains("schema"),
                reason -> assertThat(reason).contains("switchboardNumber"));

        // Marker: a change in the mailbox after the dead letters; its calendar must still hide subjects.
        sim().control().createAppointment(mailbox, Simulators.startingIn("SECRET-subject", "PT4H", "PT1H", "Normal"));
        calendars.await(key, published, s -> !s.tombstone() && s.message().items().size() == 2, GENEROUS);
        assertThat(calendars.of(key)).allSatisfy(seen -> assertThat(seen.json()).doesNotContain("SECRET-subject"));
    }

    private static String enrolOptedIn(String tenant, String userId, String mailbox, boolean awaitStream) {
        Simulators.mailbox(sim(), mailbox);
        FakeIdentityAndConfig.instance().putConnection(Via.EWS.connection(tenant, 1));
        com.calroute.sync.testsupport.Topics.tenant(tenant, false, 1, 1);
        sim().control().createAppointment(mailbox, Simulators.startingIn("First", "PT2H", "PT1H", "Normal"));
        com.calroute.sync.testsupport.Topics.user(tenant, userId, mailbox, true, 1);
        String key = Topics.userKey(tenant, userId);
        calendars.await(key, 0, s -> !s.tombstone() && s.message().syncEnabled() && s.message().items().size() == 1,
                GENEROUS);
        // Changes are followed once the stream is up.
        await().atMost(GENEROUS).until(() -> !awaitStream
                || !sim().control().requests(null, mailbox, Via.EWS.pushOperation()).isEmpty());
        return key;
    }

    private static String userInSamePartition(String tenant, String key) {
        int partitions;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestKafka.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            partitions = consumer.partitionsFor(Topics.USERS, Duration.ofSeconds(30)).size();
        }
        int wanted = CalendarLedger.usersPartitionOf(key, partitions);
        for (int i = 0; ; i++) {
            String candidate = "u-marker-" + i;
            if (CalendarLedger.usersPartitionOf(Topics.userKey(tenant, candidate), partitions) == wanted) {
                return candidate;
            }
        }
    }

    private static String user(String tenant, String userId, String mailbox, long version, Consumer<ObjectNode> change)
            throws Exception {
        ObjectNode json = (ObjectNode) com.calroute.sync.testsupport.Topics.MAPPER.readTree(
                com.calroute.sync.testsupport.Topics.userJson(tenant, userId, mailbox, true, version));
        change.accept(json);
        return json.toString();
    }

    private static String tenant(String tenant, long version, Consumer<ObjectNode> change) throws Exception {
        ObjectNode json = (ObjectNode) com.calroute.sync.testsupport.Topics.MAPPER.readTree(
                com.calroute.sync.testsupport.Topics.tenantJson(tenant, true, version, 1));
        change.accept(json);
        return json.toString();
    }

    private static void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

}
