package com.calroute.config.outbox;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox records to Kafka in id order and marks them sent once Kafka has acknowledged them.
 * One relay at a time across all replicas: each round holds a PostgreSQL advisory lock for its transaction. The
 * producer is idempotent with at most 5 requests in flight, so records of one key arrive in order; only the
 * acknowledged prefix of a round is marked sent, so a failure never lets an older record overtake a newer one.
 */
public final class OutboxRelay implements AutoCloseable {

    /** The advisory lock key shared by every config-service replica (the ASCII bytes of "CROUTBX1"). */
    static final long ADVISORY_LOCK = 0x43_52_4f_55_54_42_58_31L;

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Duration sendTimeout;

    OutboxRelay(DataSource dataSource, Producer<String, String> producer, int batchSize, Duration sendTimeout) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /** A relay with its own idempotent producer built from the given Kafka client settings. */
    public static OutboxRelay connect(DataSource dataSource, Map<String, Object> kafkaConfig, int batchSize, Duration sendTimeout) {
        return new OutboxRelay(dataSource, new KafkaProducer<>(producerConfig(kafkaConfig, sendTimeout)), batchSize, sendTimeout);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, Duration sendTimeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        int timeoutMs = (int) sendTimeout.toMillis();
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 15_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, Math.min(timeoutMs, 15_000) + 5));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "config-service-outbox");
        return config;
    }

    /** What one round did. */
    public record Round(boolean leader, int published, boolean more) {
    }

    /**
     * Publishes up to one batch of unsent records.
     *
     * @throws RelayException when Kafka did not acknowledge a record; what was acknowledged before it is marked sent
     */
    public Round publishBatch() throws SQLException, RelayException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return new Round(false, 0, false);
                }
                List<Pending> batch = unsent(connection);
                List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
                for (Pending record : batch) {
                    sends.add(producer.send(new ProducerRecord<>(record.topic(), record.key(), record.payload())));
                }
                int acknowledged = 0;
                Exception failure = null;
                long deadline = System.nanoTime() + sendTimeout.toNanos();
                for (Future<RecordMetadata> send : sends) {
                    try {
                        send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        acknowledged++;
                    } catch (ExecutionException | TimeoutException e) {
                        failure = e;
                        break;
                    }
                }
                markSent(connection, batch.subList(0, acknowledged));
                connection.commit();
                if (failure != null) {
                    throw new RelayException("Kafka did not acknowledge outbox record " + batch.get(acknowledged).id()
                            + " (" + acknowledged + " of " + batch.size() + " published)", failure);
                }
                return new Round(true, acknowledged, batch.size() == batchSize);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                connection.rollback();
                throw new RelayException("interrupted while waiting for Kafka", e);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** Deletes records sent before {@code retention} ago; needs no producer, so any thread may call it. */
    public static int purgeSent(DataSource dataSource, Duration retention) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from outbox_record where sent_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, retention.toSeconds());
            return delete.executeUpdate();
        }
    }

    /** How many records wait to be published. */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox_record where sent_at is null");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, ADVISORY_LOCK);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private List<Pending> unsent(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id, topic, message_key, payload from outbox_record where sent_at is null order by id limit ?")) {
            select.setInt(1, batchSize);
            List<Pending> batch = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Pending(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
            return batch;
        }
    }

    private static void markSent(Connection connection, List<Pending> sent) throws SQLException {
        if (sent.isEmpty()) {
            return;
        }
        Array ids = connection.createArrayOf("bigint", sent.stream().map(Pending::id).toArray());
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_record set sent_at = now() where id = any(?)")) {
            update.setArray(1, ids);
            update.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; closing it discards the transaction anyway.
        }
    }

    private record Pending(long id, String topic, String key, String payload) {
    }

    /** Kafka did not take a record in time; the relay retries from the first unacknowledged one. */
    public static class RelayException extends Exception {

        public RelayException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
