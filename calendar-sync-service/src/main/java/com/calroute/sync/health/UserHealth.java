package com.calroute.sync.health;

import java.time.Instant;

/**
 * One user's sync health: state, last success, the last error in plain words, and since when their change
 * notifications have not arrived (null while they do; the mailbox is polled meanwhile, so changes arrive late).
 */
public record UserHealth(String userId, SyncState state, Instant lastSuccess, String lastError, String lastErrorKind,
                         Instant lastErrorAt, Instant notificationsLaggingSince) {
}
