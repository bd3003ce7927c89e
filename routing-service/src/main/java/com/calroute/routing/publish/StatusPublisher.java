package com.calroute.routing.publish;

import com.calroute.contracts.status.StatusMessage;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.ingest.UserTable;
import com.calroute.routing.status.Status;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.Consumer;

/**
 * Publishes a user's status on {@code calroute.status.v1} when — and only when — it differs from the last value
 * on that topic, with the next version. The last value per key is what this replica published or read back
 * from the compacted topic, so a new owner (after a restart or rebalance) resumes the versions and publishes
 * nothing while the status is the same.
 *
 * <p>Publishing for a key happens only while this replica owns the key's partition. Giving up a partition
 * takes the write lock, so no send that checked ownership before the hand-over is still in flight after it.
 */
public final class StatusPublisher {

    private static final Logger LOG = Logger.getLogger(StatusPublisher.class);
    private static final int STRIPES = 256;

    private final Map<String, PublishedStatus> last = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];
    private final ReadWriteLock ownershipLock = new ReentrantReadWriteLock();
    private final Producer<String, String> producer;
    private final ObjectMapper mapper;
    private final String topic;
    private final UserTable table;
    private final Clock clock;
    private final IntPredicate owns;
    private final Consumer<String> retryLater;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean enabled;

    /** A publisher writing to {@code topic}; {@code owns} says whether this replica owns a partition. */
    public StatusPublisher(Producer<String, String> producer, ObjectMapper mapper, String topic, UserTable table,
                           Clock clock, IntPredicate owns, Consumer<String> retryLater) {
        this.producer = producer;
        this.mapper = mapper;
        this.topic = topic;
        this.table = table;
        this.clock = clock;
        this.owns = owns;
        this.retryLater = retryLater;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Allows publishing: only once the table has caught up, so a replay never publishes half-built statuses. */
    public void enable() {
        enabled = true;
    }

    /** How many status events (tombstones included) this replica published. */
    public long publishedCount() {
        return published.get();
    }

    /** Records a value read back from the status topic, keeping the highest version per key. */
    public void seen(String key, StatusMessage message) {
        synchronized (stripe(key)) {
            PublishedStatus held = last.get(key);
            UserRoute route = table.byKey(key);
            // The route's key where there is one: the map keeps the first key it is given for as long as it holds it.
            String heldKey = route == null ? key : route.key();
            if (message == null) {
                last.put(heldKey, PublishedStatus.tombstone(held == null ? 0 : held.version()));
            } else if (held == null || message.version() > held.version()) {
                last.put(heldKey, PublishedStatus.readBack(message, route));
            }
        }
    }

    /**
     * Lets the value held for {@code route}'s key share the route's strings: a value read back before its route was
     * built holds copies of its own. Called for every route the table (re)builds, owned or not.
     */
    public void adopt(UserRoute route) {
        PublishedStatus held = last.get(route.key());
        if (held == null || held.sharing(route) == held) {
            return;
        }
        synchronized (stripe(route.key())) {
            if (enabled) {
                last.computeIfPresent(route.key(), (key, value) -> value.sharing(route));
            } else {
                // A value read before its route also holds its own key string, which only a new entry replaces;
                // before the table caught up nobody reads this map, so the moment without an entry is unseen.
                PublishedStatus value = last.remove(route.key());
                if (value != null) {
                    last.put(route.key(), value.sharing(route));
                }
            }
        }
    }

    /** The keys this replica knows a status value of (for hand-overs of a partition). */
    public Iterable<String> knownKeys() {
        return last.keySet();
    }

    /** The version a lookup reports: the last published one, or the next if the status moved on since. */
    public long versionFor(String key, UserRoute route, Status status) {
        PublishedStatus held = last.get(key);
        if (held == null) {
            return 1;
        }
        return held.says(route, status) ? held.version() : held.version() + 1;
    }

    /** Publishes the key's current status if it changed, a tombstone if its user is gone. */
    public void reconcile(String key, int partition) {
        if (!enabled) {
            return;
        }
        ownershipLock.readLock().lock();
        try {
            if (!owns.test(partition)) {
                return;
            }
            synchronized (stripe(key)) {
                PublishedStatus held = last.get(key);
                UserRoute route = table.byKey(key);
                if (route == null) {
                    if (held != null && !held.isTombstone()) {
                        send(key, null, held, PublishedStatus.tombstone(held.version()));
                    }
                    return;
                }
                Instant now = clock.instant();
                Status status = route.plan().statusAt(now);
                if (held != null && held.says(route, status)) {
                    return;
                }
                StatusMessage next = StatusMessages.of(route, status, held == null ? 1 : held.version() + 1, now);
                send(key, next, held, PublishedStatus.published(next, status.reason(), route));
            }
        } finally {
            ownershipLock.readLock().unlock();
        }
    }

    /** Runs {@code handOver} with no publication in flight, then flushes what was sent before. */
    public void withoutPublishing(Runnable handOver) {
        ownershipLock.writeLock().lock();
        try {
            handOver.run();
        } finally {
            ownershipLock.writeLock().unlock();
        }
        producer.flush();
    }

    private void send(String key, StatusMessage message, PublishedStatus previous, PublishedStatus next) {
        String json;
        try {
            json = message == null ? null : mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status message not serialisable", e);
        }
        last.put(key, next);
        producer.send(new ProducerRecord<>(topic, key, json), (metadata, error) -> {
            if (error == null) {
                published.incrementAndGet();
                return;
            }
            LOG.errorf("status event for %s (version %d) not published: %s; retrying", key, next.version(),
                    error.getMessage());
            // No stripe lock here: this runs on the producer's I/O thread, which a blocked send may be waiting for.
            if (previous == null) {
                last.remove(key, next);
            } else {
                last.replace(key, next, previous);
            }
            retryLater.accept(key);
        });
    }

    private Object stripe(String key) {
        return stripes[(key.hashCode() & 0x7fffffff) % STRIPES];
    }
}
