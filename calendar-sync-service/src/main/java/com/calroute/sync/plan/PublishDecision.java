package com.calroute.sync.plan;

import java.util.OptionalLong;

/**
 * Decides whether a fresh snapshot is news and which version it gets: only a snapshot that differs from the last
 * one published for the key is published, with the next version after the last one seen on the topic — so versions
 * rise strictly per key across restarts and hand-overs.
 */
public final class PublishDecision {

    private PublishDecision() {
    }

    /** What the topic holds for a key: the last version and the fingerprint of its snapshot (null for a tombstone). */
    public record LastPublished(long version, String fingerprint) {

        /** True when the key's latest value is a tombstone. */
        public boolean tombstone() {
            return fingerprint == null;
        }
    }

    /** The version to publish {@code snapshot} with, or empty when it equals the last published one. */
    public static OptionalLong nextVersion(LastPublished last, CalendarSnapshot snapshot) {
        if (last == null) {
            return OptionalLong.of(1);
        }
        if (!last.tombstone() && last.fingerprint().equals(snapshot.fingerprint())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(last.version() + 1);
    }

    /** True when a tombstone must be written: the topic still holds a value for a user who is gone. */
    public static boolean needsTombstone(LastPublished last) {
        return last != null && !last.tombstone();
    }
}
