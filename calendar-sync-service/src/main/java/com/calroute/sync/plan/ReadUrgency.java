package com.calroute.sync.plan;

/**
 * How soon a mailbox read should run. A change Exchange notified (or a resync someone asked for) is live work and
 * goes first; a first read, a repeated read after a fault or a settings change comes next; the safety poll's
 * routine re-reads come last. The two later kinds are bulk work, which never takes the workers kept for live work.
 */
public enum ReadUrgency {
    CHANGE,
    NORMAL,
    ROUTINE;

    /** True for bulk work, which may not use the workers reserved for live changes. */
    public boolean bulk() {
        return this != CHANGE;
    }
}
