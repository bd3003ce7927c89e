package com.calroute.config.outbox;

import com.calroute.contracts.Topics;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.UserMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Announces changes on Calroute's topics by writing outbox records in the caller's transaction: the change and its
 * message commit together or not at all, and the relay publishes them afterwards. Never a direct send.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Event<OutboxRecordAdded> added;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    EntityManager entityManager;

    /** How many rows one republishing transaction queues. */
    static final int REPUBLISH_BATCH = 500;

    /** Queues a user's current settings on {@code calroute.users.v1}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void user(UserMessage message) {
        append(Topics.USERS, Topics.userKey(message.tenantId(), message.userId()), write(message));
    }

    /** Queues the tombstone of an un-enrolled user on {@code calroute.users.v1}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void userRemoved(String tenantId, String userId) {
        append(Topics.USERS, Topics.userKey(tenantId, userId), null);
    }

    /** Queues a tenant's current settings on {@code calroute.tenants.v1}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tenant(TenantMessage message) {
        append(Topics.TENANTS, message.tenantId(), write(message));
    }

    /** Queues the tombstone of a deleted tenant on {@code calroute.tenants.v1}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tenantRemoved(String tenantId) {
        append(Topics.TENANTS, tenantId, null);
    }

    /**
     * Queues the current state of every row again, for a topic the broker lost ({@link TopicsLost}): pages through the
     * rows in key order, each page in its own transaction that first takes the outbox table's exclusive lock. The
     * lock waits for every transaction that has already queued a message and holds back every one that is about to,
     * so a change committed meanwhile is queued either before the page reads its row (and is read) or after the
     * page's message (and supersedes it): the topic's last value for every key is the current one. A row whose key
     * still has a message waiting is skipped: that message, or a later one, carries its current state.
     *
     * @param topic the lost topic
     * @param pageAfter the next rows after a paging key (null: from the first) in that key's order, at most the given number
     * @param pagingKey a row's paging key
     * @param messageKey a row's record key on {@code topic}
     * @param queue queues one row's current message (this class's {@link #user} or {@link #tenant})
     * @return how many rows were queued
     */
    public <T, K> long republish(String topic, BiFunction<K, Integer, List<T>> pageAfter, Function<T, K> pagingKey,
                                 Function<T, String> messageKey, Consumer<T> queue) {
        long queued = 0;
        K after = null;
        while (true) {
            K from = after;
            Page<T> page = QuarkusTransaction.requiringNew().call(() -> {
                entityManager.createNativeQuery("lock table outbox_record in exclusive mode").executeUpdate();
                List<T> rows = pageAfter.apply(from, REPUBLISH_BATCH);
                if (rows.isEmpty()) {
                    return new Page<T>(rows, 0);
                }
                Set<String> waiting = Set.copyOf(entityManager.createQuery("select o.messageKey from OutboxRecord o"
                                + " where o.topic = :topic and o.sentAt is null and o.messageKey in :keys", String.class)
                        .setParameter("topic", topic).setParameter("keys", rows.stream().map(messageKey).toList())
                        .getResultList());
                List<T> current = rows.stream().filter(row -> !waiting.contains(messageKey.apply(row))).toList();
                current.forEach(queue);
                return new Page<>(rows, current.size());
            });
            queued += page.queued();
            if (page.rows().size() < REPUBLISH_BATCH) {
                return queued;
            }
            after = pagingKey.apply(page.rows().get(page.rows().size() - 1));
        }
    }

    /** One page of rows read for republishing, and how many of them were queued. */
    private record Page<T>(List<T> rows, int queued) {
    }

    private void append(String topic, String key, String payload) {
        OutboxRecord record = new OutboxRecord();
        record.topic = topic;
        record.messageKey = key;
        record.payload = payload;
        record.createdAt = Instant.now(clock);
        record.persist();
        // One wake-up per transaction is enough, however many records it adds (a bulk enrolment adds thousands).
        if (transactions.getResource(OutboxRecordAdded.class) == null) {
            transactions.putResource(OutboxRecordAdded.class, Boolean.TRUE);
            added.fire(new OutboxRecordAdded());
        }
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }
}
