package com.calroute.sync.schedule;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** One owned, opted-in mailbox's scheduling state; guarded by its {@link TenantWorker}'s lock. */
final class MailboxState {

    final String key;
    final String userId;
    String email;
    boolean queued;
    boolean running;
    boolean dirty;
    volatile boolean removed;
    int attempts;
    Instant changeNotedAt;
    Instant lastReadStartedAt;
    ScheduledFuture<?> retry;

    MailboxState(String key, String userId, String email) {
        this.key = key;
        this.userId = userId;
        this.email = email;
    }
}
