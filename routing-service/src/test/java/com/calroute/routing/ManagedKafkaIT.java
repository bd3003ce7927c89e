package com.calroute.routing;

import com.calroute.contracts.Topics;
import com.calroute.routing.ingest.TopicNames;
import com.calroute.routing.support.Messages;
import com.calroute.routing.support.Producers;
import com.calroute.routing.support.TopicWatcher;
import com.calroute.testing.kafka.SaslKafka;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A managed Kafka that wants authentication ({@link SaslKafka}: SASL_PLAINTEXT with PLAIN only): a routing node
 * given the client settings creates its topics, reads every partition, joins its group and publishes a status —
 * so all its clients (admin, ingest consumer, group member, producer) use the settings, not the bootstrap servers
 * alone.
 */
class ManagedKafkaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void everyKafkaClientOfANodeUsesTheConfiguredSecuritySettings() throws Exception {
        try (SaslKafka broker = SaslKafka.start()) {
            TopicNames topics = TopicNames.standard();
            RoutingNode node = new RoutingNode(new RoutingNode.Settings(broker.clientSettings(), topics, "routing-sasl",
                    "routing-sasl-a", 3, true, Duration.ofSeconds(6), ZoneId.of("Europe/Oslo"), Duration.ofSeconds(10),
                    Clock.systemUTC()));
            try (node; Producers producer = new Producers(broker.clientSettings())) {
                node.start();
                await().atMost(PATIENCE).until(node::isReady);
                try (TopicWatcher status = new TopicWatcher(broker.clientSettings(), topics.status())) {
                    publishAndAwaitBusy(node, producer, status, topics);
                }
            }
        }
    }

    private static void publishAndAwaitBusy(RoutingNode node, Producers producer, TopicWatcher status,
                                            TopicNames topics) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        producer.send(topics.tenants(), "acme", Messages.tenant("acme", "+4722000000", 1));
        producer.send(topics.users(), Topics.userKey("acme", "u1"),
                Messages.user("acme", "u1", "+4793000001", "u1@acme.no", 1));
        producer.send(topics.calendar(), Topics.userKey("acme", "u1"), Messages.calendar("acme", "u1", 1,
                Messages.item("m1", now.minusSeconds(60), now.plusSeconds(3600), "BUSY")));
        await().atMost(PATIENCE).until(() -> status.forKey(Topics.userKey("acme", "u1")).stream()
                .anyMatch(seen -> seen.value() != null && seen.value().contains("\"state\":\"BUSY\"")));
        assertThat(node.table().byNumber("+4793000001")).isNotNull();
    }
}
