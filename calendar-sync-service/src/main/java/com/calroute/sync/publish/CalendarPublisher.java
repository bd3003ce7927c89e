package com.calroute.sync.publish;

import com.calroute.contracts.Topics;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.PublishDecision;
import com.calroute.sync.plan.PublishDecision.LastPublished;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Publishes calendar snapshots to {@code calroute.calendar.v1}: only when a snapshot differs from the last one on
 * the topic for that key, with the next version, waiting for the broker's acknowledgement before the ledger
 * moves on. Un-enrolment writes a tombstone. Per-key calls are serialised so versions never interleave.
 */
public class CalendarPublisher {

    /** What a publish call did. */
    public enum Outcome { PUBLISHED, UNCHANGED, SKIPPED }

    private static final String IN_DOUBT = "in-doubt";

    private final KafkaProducer<String, String> producer;
    private final CalendarLedger ledger;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration sendTimeout;
    private final Duration asOfRefresh;
    private final Object[] locks = new Object[256];

    public CalendarPublisher(KafkaProducer<String, String> producer, CalendarLedger ledger, ObjectMapper mapper,
                             Clock clock, Duration sendTimeout, Duration asOfRefresh) {
        this.producer = producer;
        this.ledger = ledger;
        this.mapper = mapper;
        this.clock = clock;
        this.sendTimeout = sendTimeout;
        this.asOfRefresh = asOfRefresh;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Publishes {@code snapshot} for the user unless the topic already holds an equal one. */
    public Outcome publish(String tenantId, String userId, CalendarSnapshot snapshot, Instant calendarAsOf)
            throws PublishException {
        return publish(tenantId, userId, snapshot, calendarAsOf, () -> true);
    }

    /**
     * Publishes {@code snapshot} unless the topic already holds an equal one, or {@code stillWanted} — checked
     * under the key's lock — says the read it came from is obsolete (the user opted out or moved to another replica
     * meanwhile), so a stale read can never overtake the empty calendar of an opt-out.
     */
    public Outcome publish(String tenantId, String userId, CalendarSnapshot snapshot, Instant calendarAsOf,
                           BooleanSupplier stillWanted) throws PublishException {
        String key = Topics.userKey(tenantId, userId);
        synchronized (lockOf(key)) {
            if (!stillWanted.getAsBoolean()) {
                return Outcome.SKIPPED;
            }
            LastPublished last = ledger.last(key);
            OptionalLong version = PublishDecision.nextVersion(last, snapshot, calendarAsOf, asOfRefresh);
            if (version.isEmpty()) {
                return Outcome.UNCHANGED;
            }
            CalendarMessage message = CalendarMessages.toMessage(tenantId, userId, version.getAsLong(), snapshot,
                    calendarAsOf, clock.instant());
            String json;
            try {
                json = mapper.writeValueAsString(message);
            } catch (JsonProcessingException e) {
                throw new PublishException("cannot serialise the calendar of " + key, e);
            }
            try {
                send(new ProducerRecord<>(Topics.CALENDAR, key, json));
            } catch (PublishException e) {
                // The message may still land: never reuse its version, and make the next snapshot count as news.
                ledger.record(key, new LastPublished(version.getAsLong(), IN_DOUBT));
                throw e;
            }
            // Routing keeps the last automatic replies a value knew; the ledger mirrors that.
            ledger.record(key, LastPublished.after(version.getAsLong(), snapshot.fingerprint(), calendarAsOf, last,
                    snapshot));
            return Outcome.PUBLISHED;
        }
    }

    /** Writes a tombstone for an un-enrolled user if the topic still holds a calendar; true if one was written. */
    public boolean tombstone(String tenantId, String userId) throws PublishException {
        String key = Topics.userKey(tenantId, userId);
        synchronized (lockOf(key)) {
            LastPublished last = ledger.last(key);
            if (!PublishDecision.needsTombstone(last)) {
                return false;
            }
            send(new ProducerRecord<>(Topics.CALENDAR, key, null));
            ledger.record(key, new LastPublished(last.version(), null));
            return true;
        }
    }

    /** Returns once no publish for any of {@code keys} is in progress (used on hand-over). */
    public void barrier(Iterable<String> keys) {
        for (String key : keys) {
            synchronized (lockOf(key)) {
                // Entering the lock is the point: any publish for the key that started before has finished.
            }
        }
    }

    /** Waits until everything sent so far is acknowledged (on hand-over and shutdown). */
    public void flush() {
        producer.flush();
    }

    private void send(ProducerRecord<String, String> record) throws PublishException {
        try {
            producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing " + record.key(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("the broker did not acknowledge " + record.key(), e);
        }
    }

    private Object lockOf(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    /** Publishing failed; the ledger is unchanged, so the next attempt republishes. */
    public static class PublishException extends Exception {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
