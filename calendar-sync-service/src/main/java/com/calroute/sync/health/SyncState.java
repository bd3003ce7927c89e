package com.calroute.sync.health;

/** Where a user's sync stands, as the tenant admin sees it. */
public enum SyncState {
    /** Enrolled with sync on, not read yet. */
    PENDING,
    /** The last read succeeded. */
    OK,
    /** The last read failed; {@code lastError} says why. */
    ERROR,
    /** The user turned sync off; an empty calendar was published. */
    OFF
}
