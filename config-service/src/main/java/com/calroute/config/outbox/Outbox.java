package com.calroute.config.outbox;

import com.calroute.contracts.Topics;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.UserMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

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
