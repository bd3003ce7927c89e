package com.calroute.sync.publish;

import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.contract.Intake;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;

/**
 * The service's one Kafka producer (calendar messages and dead letters) and the calendar publishing built on it.
 * Every kafka.* setting (KAFKA_* in the environment) is the start of each client: bootstrap servers and, for a
 * managed broker, security.*, sasl.* and ssl.*. {@code SyncRuntime} closes them in order at shutdown.
 */
@ApplicationScoped
public class PublishProducers {

    @Produces
    @Singleton
    KafkaProducer<String, String> producer(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                                           SyncConfig config) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "calendar-sync-publisher");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(config.kafka().sendTimeout().toMillis(), 30_000)));
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    @Produces
    @Singleton
    CalendarLedger ledger(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper mapper,
                          Intake intake) {
        return new CalendarLedger(Map.copyOf(kafka), mapper, intake);
    }

    @Produces
    @Singleton
    CalendarPublisher publisher(KafkaProducer<String, String> producer, CalendarLedger ledger, ObjectMapper mapper,
                                Clock clock, SyncConfig config) {
        return new CalendarPublisher(producer, ledger, mapper, clock, config.kafka().sendTimeout(),
                config.sync().asOfRefresh());
    }
}
