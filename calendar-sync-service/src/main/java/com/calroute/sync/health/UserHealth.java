package com.calroute.sync.health;

import java.time.Instant;

/** One user's sync health: state, last success, and the last error in plain words. */
public record UserHealth(String userId, SyncState state, Instant lastSuccess, String lastError, String lastErrorKind,
                         Instant lastErrorAt) {
}
