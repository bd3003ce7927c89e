package com.calroute.sync.it;

import com.calroute.contracts.Topics;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.testsupport.AppProcess;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.PackagedApps;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.testing.kafka.SaslKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A managed Kafka that wants authentication ({@link SaslKafka}: SASL_PLAINTEXT with PLAIN only), and the
 * packaged service given the client settings as any operator would, through {@code kafka.*} settings (environment
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}). Every client the
 * service makes — topic creation, the users consumer group, the calendar ledger, the publisher, readiness — has to
 * use them: the service becomes ready and publishes the calendar of a user enrolled on that broker, and the
 * password appears in no log line.
 */
class ManagedKafkaIT {

    private static final String TENANT = "sasl";
    private static final String MAILBOX = "kari@sasl.example";

    @Test
    void everyKafkaClientOfTheServiceUsesTheConfiguredSecuritySettings() throws Exception {
        try (SaslKafka broker = SaslKafka.start()) {
            Map<String, Object> client = broker.clientSettings();
            EwsSimulator sim = Simulators.start("Exchange2016");
            try (sim) {
                Simulators.account(sim, Simulators.ACCOUNT, Simulators.PASSWORD, true);
                Simulators.mailbox(sim, MAILBOX);
                sim.control().createAppointment(MAILBOX, Simulators.startingIn("Budget", "PT3H", "PT1H", "Normal"));
                FakeIdentityAndConfig identity = FakeIdentityAndConfig.instance();
                identity.putConnection(Simulators.httpConnection(TENANT, sim, 1));
                Map<String, String> settings = PackagedApps.settings("calroute_sync_sasl", identity, sim, 6);
                client.forEach((name, value) -> settings.put("kafka." + name, String.valueOf(value)));
                try (AppProcess app = AppProcess.start("sasl-sync", settings)) {
                    int http = app.httpPort(Duration.ofSeconds(90));
                    awaitReady(http);
                    try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(),
                            new StringSerializer())) {
                        producer.send(new ProducerRecord<>(Topics.TENANTS, TENANT,
                                com.calroute.sync.testsupport.Topics.tenantJson(TENANT, false, 1, 1))).get();
                        producer.send(new ProducerRecord<>(Topics.USERS, Topics.userKey(TENANT, "u-kari"),
                                com.calroute.sync.testsupport.Topics.userJson(TENANT, "u-kari", MAILBOX, true, 1))).get();
                    }
                    String calendar = awaitCalendar(client, Topics.userKey(TENANT, "u-kari"));
                    assertThat(calendar).contains("\"syncEnabled\":true").contains("\"version\":1");
                    assertThat(app.log()).doesNotContain(SaslKafka.PASSWORD);
                }
            }
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service never became ready on the SASL broker (last status " + status + ")");
    }

    private static String awaitCalendar(Map<String, Object> client, String key) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put("group.id", "managed-kafka-it");
        properties.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CALENDAR));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key()) && record.value() != null) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no calendar for " + key + " on the SASL broker within 60 s");
    }
}
