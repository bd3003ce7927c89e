package com.calroute.sync.publish;

import com.calroute.contracts.GoldenSamples;
import com.calroute.contracts.Topics;
import com.calroute.contracts.kafka.TopicSetup;
import com.calroute.sync.contract.ContractCheck;
import com.calroute.sync.contract.Intake;
import com.calroute.sync.plan.PublishDecision.LastPublished;
import com.calroute.sync.testsupport.DeadLetterWatcher;
import com.calroute.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger on the real broker: a calendar.v1 value with an unknown schema or a missing field does not count
 * when a new owner resumes — the key keeps its last good version, is marked to be republished, and the value is
 * dead-lettered.
 */
class CalendarLedgerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void refusedValuesDoNotCountAndAreDeadLettered() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        TopicSetup.ensure(Map.of("bootstrap.servers", bootstrap), List.of(Topics.CALENDAR, Intake.TOPIC), 6);
        String userId = "u-" + UUID.randomUUID();
        String key = Topics.userKey("acme", userId);
        Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrap);
        try (DeadLetterWatcher deadLetters = new DeadLetterWatcher();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CALENDAR, key, calendar(userId, 3, json -> { }))).get();
            producer.send(new ProducerRecord<>(Topics.CALENDAR, key, calendar(userId, 9,
                    json -> json.put("schema", "calroute.something.v9")))).get();
            producer.send(new ProducerRecord<>(Topics.CALENDAR, key, calendar(userId, 10,
                    json -> json.remove("syncEnabled")))).get();

            int partitions = producer.partitionsFor(Topics.CALENDAR).size();
            CalendarLedger ledger = new CalendarLedger(kafka, MAPPER, new Intake(new ContractCheck(), producer));
            ledger.load(CalendarLedger.usersPartitionOf(key, partitions), partitions);

            LastPublished last = ledger.last(key);
            assertThat(last.version()).as("the refused versions 9 and 10 do not count").isEqualTo(3);
            assertThat(last.fingerprint()).as("the next snapshot replaces the refused value").isEqualTo("refused");
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.of(key).size() >= 2);
            assertThat(deadLetters.of(key)).extracting(DeadLetterWatcher.Letter::reason).satisfiesExactly(
                    reason -> assertThat(reason).contains("schema is calroute.something.v9"),
                    reason -> assertThat(reason).contains("syncEnabled"));
            assertThat(deadLetters.of(key)).allSatisfy(letter ->
                    assertThat(letter.source()).startsWith(Topics.CALENDAR + "/"));
        }
    }

    private static String calendar(String userId, long version, java.util.function.Consumer<ObjectNode> change)
            throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(GoldenSamples.json("calendar-snapshot.json"));
        json.put("userId", userId).put("version", version);
        change.accept(json);
        return json.toString();
    }
}
