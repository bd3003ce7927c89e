package com.calroute.config.outbox;

/** Fired when a transaction adds an outbox record, so the relay can wake up once it commits. */
public record OutboxRecordAdded() {
}
