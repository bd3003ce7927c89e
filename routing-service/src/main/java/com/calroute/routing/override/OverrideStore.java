package com.calroute.routing.override;

import com.calroute.contracts.CallAction;
import com.calroute.routing.ingest.IngestLoop;
import com.calroute.routing.ingest.OverrideMessage;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.ingest.UserTable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Stores manual overrides durably on routing's compacted topic {@code calroute.overrides.v1}, which is also how
 * they reach every replica: each replica's ingest loop reads the topic like the others. A write returns once
 * the broker acknowledged it (acks=all) and this replica's own table applied it, so the caller reads its write.
 * Versions are the larger of the held version + 1 and the current epoch millisecond: rising per key, also when
 * two replicas accept writes for one user. The topic is the only store, so while the broker is away a write is
 * refused at once (the caller answers 503 with Retry-After) instead of after waiting out the write time-out; its
 * producer gives a record up after the write time-out, so a write refused then is not delivered later (short of
 * one already on the wire).
 */
public final class OverrideStore {

    private final Producer<String, String> producer;
    private final ObjectMapper mapper;
    private final String topic;
    private final UserTable table;
    private final IngestLoop ingest;
    private final Clock clock;
    private final Duration timeout;
    private final BooleanSupplier brokerReachable;

    /**
     * A store writing to {@code topic} and waiting up to {@code timeout} for acknowledgement and apply; it refuses
     * at once while {@code brokerReachable} says no.
     */
    public OverrideStore(Producer<String, String> producer, ObjectMapper mapper, String topic, UserTable table,
                         IngestLoop ingest, Clock clock, Duration timeout, BooleanSupplier brokerReachable) {
        this.producer = producer;
        this.mapper = mapper;
        this.topic = topic;
        this.table = table;
        this.ingest = ingest;
        this.clock = clock;
        this.timeout = timeout;
        this.brokerReachable = brokerReachable;
    }

    /** Sets the user's override from now until {@code until}. */
    public void put(UserRoute user, CallAction action, String target, Instant until) throws OverrideWriteException {
        long version = Math.max(table.overrideVersion(user.key()) + 1, clock.millis());
        OverrideMessage message = new OverrideMessage(OverrideMessage.SCHEMA, version, user.tenantId(), user.userId(),
                action, target, clock.instant(), until);
        try {
            write(user.key(), mapper.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("override message not serialisable", e);
        }
    }

    /** Removes the user's override (a tombstone). */
    public void remove(UserRoute user) throws OverrideWriteException {
        write(user.key(), null);
    }

    private void write(String key, String value) throws OverrideWriteException {
        if (!brokerReachable.getAsBoolean()) {
            throw new OverrideWriteException("the broker is unreachable");
        }
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ingest.awaitApplied(new TopicPartition(topic, written.partition()), written.offset(), timeout)) {
                throw new OverrideWriteException("override stored but not applied within " + timeout);
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new OverrideWriteException("override store unavailable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverrideWriteException("interrupted");
        }
    }

    /** The override could not be stored (or not confirmed) in time; the client may retry. */
    public static final class OverrideWriteException extends Exception {

        /** With a plain-words reason. */
        public OverrideWriteException(String reason) {
            super(reason, null, false, false);
        }
    }
}
