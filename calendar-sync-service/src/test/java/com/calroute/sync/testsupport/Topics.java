package com.calroute.sync.testsupport;

import com.calroute.contracts.users.ActionSetting;
import com.calroute.contracts.users.UserMessage;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.BusyType;
import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** Writes what config-service would write to users.v1 and tenants.v1, for tests. */
public final class Topics {

    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private Topics() {
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Publishes a tenant's settings (no secrets, as config-service does). */
    public static void tenant(String tenantId, boolean subjectSharing, long version, long connectionVersion) {
        send(com.calroute.contracts.Topics.TENANTS, tenantId, tenantJson(tenantId, subjectSharing, version,
                connectionVersion));
    }

    /** A tenant's calroute.tenants.v1 value, as config-service publishes it. */
    public static String tenantJson(String tenantId, boolean subjectSharing, long version, long connectionVersion) {
        return tenantJson(tenantId, subjectSharing, version, connectionVersion, null);
    }

    /** Publishes a tenant's settings with its subject codes and categories. */
    public static void tenant(String tenantId, boolean subjectSharing, long version, long connectionVersion,
                              com.calroute.contracts.tenants.ItemCodes itemCodes) {
        send(com.calroute.contracts.Topics.TENANTS, tenantId, tenantJson(tenantId, subjectSharing, version,
                connectionVersion, itemCodes));
    }

    /** A tenant's calroute.tenants.v1 value with its subject codes and categories, as config-service publishes it. */
    public static String tenantJson(String tenantId, boolean subjectSharing, long version, long connectionVersion,
                                    com.calroute.contracts.tenants.ItemCodes itemCodes) {
        return json(new TenantMessage(TenantMessage.SCHEMA, version, tenantId, tenantId + " AS", "+4722000000",
                "Europe/Oslo", subjectSharing, ConnectionKind.EWS, connectionVersion, Instant.now(),
                new ForwardTargets.Policy("+47", false), "NO", itemCodes));
    }

    /** Publishes an enrolled user's settings. */
    public static void user(String tenantId, String userId, String email, boolean syncEnabled, long version) {
        send(com.calroute.contracts.Topics.USERS, com.calroute.contracts.Topics.userKey(tenantId, userId),
                userJson(tenantId, userId, email, syncEnabled, version));
    }

    /** An enrolled user's calroute.users.v1 value, with every action RING. */
    public static String userJson(String tenantId, String userId, String email, boolean syncEnabled, long version) {
        Map<BusyType, ActionSetting> settings = new EnumMap<>(BusyType.class);
        BusyType.ROUTABLE.forEach(type -> settings.put(type, ActionSetting.RING));
        return json(new UserMessage(UserMessage.SCHEMA, version, tenantId, userId, email, "+4791234567", userId,
                syncEnabled, settings, Instant.now(), null, null, null, null, null, null));
    }

    /** Publishes an enrolled user's settings without waiting for the broker (call {@link #flush()} after a batch). */
    public static void userAsync(String tenantId, String userId, String email, boolean syncEnabled, long version) {
        producer().send(new ProducerRecord<>(com.calroute.contracts.Topics.USERS,
                com.calroute.contracts.Topics.userKey(tenantId, userId),
                userJson(tenantId, userId, email, syncEnabled, version)));
    }

    /** Waits until every record sent so far is acknowledged. */
    public static void flush() {
        producer().flush();
    }

    /** Publishes an un-enrolment (tombstone). */
    public static void unenrol(String tenantId, String userId) {
        send(com.calroute.contracts.Topics.USERS, com.calroute.contracts.Topics.userKey(tenantId, userId), null);
    }

    private static void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
