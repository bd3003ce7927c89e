package com.calroute.sync.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Decides whether a fresh snapshot is news and which version it gets: a snapshot that differs from the last one
 * published for the key is published, with the next version after the last one seen on the topic — so versions
 * rise strictly per key across restarts and hand-overs. An unchanged one is published again only when the last
 * message's {@code calendarAsOf} is older than the refresh interval: otherwise a calendar nobody changes would look
 * as stale as one sync can no longer read.
 */
public final class PublishDecision {

    private PublishDecision() {
    }

    /**
     * What the topic holds for a key: the last version, the fingerprint of its snapshot (null for a tombstone), the
     * {@code calendarAsOf} it carried (null when unknown), and the automatic replies and working hours routing holds
     * for it — the last ones a value knew, as routing keeps them through values that do not know them (null: none).
     */
    public record LastPublished(long version, String fingerprint, Instant calendarAsOf, AutomaticReplies replies,
                                WorkingHours hours) {

        public LastPublished(long version, String fingerprint, Instant calendarAsOf, AutomaticReplies replies) {
            this(version, fingerprint, calendarAsOf, replies, null);
        }

        public LastPublished(long version, String fingerprint, Instant calendarAsOf) {
            this(version, fingerprint, calendarAsOf, null, null);
        }

        public LastPublished(long version, String fingerprint) {
            this(version, fingerprint, null, null, null);
        }

        /**
         * What routing holds after {@code next} follows {@code previous}: each setting the value's own when it knows
         * it, else the earlier one; nothing once the user opted out.
         */
        public static LastPublished after(long version, String fingerprint, Instant calendarAsOf,
                                          LastPublished previous, CalendarSnapshot next) {
            if (!next.syncEnabled()) {
                return new LastPublished(version, fingerprint, calendarAsOf, null, null);
            }
            return new LastPublished(version, fingerprint, calendarAsOf,
                    next.automaticReplies() != null ? next.automaticReplies()
                            : previous == null ? null : previous.replies(),
                    next.workingHours() != null ? next.workingHours() : previous == null ? null : previous.hours());
        }

        /** True when the key's latest value is a tombstone. */
        public boolean tombstone() {
            return fingerprint == null;
        }
    }

    /**
     * The version to publish {@code snapshot} (read at {@code calendarAsOf}) with, or empty when it equals the last
     * published one and that one's {@code calendarAsOf} is younger than {@code asOfRefresh}.
     */
    public static OptionalLong nextVersion(LastPublished last, CalendarSnapshot snapshot, Instant calendarAsOf,
                                           Duration asOfRefresh) {
        if (last == null) {
            return OptionalLong.of(1);
        }
        boolean same = !last.tombstone() && last.fingerprint().equals(snapshot.fingerprint());
        // Only a read calendar has a calendarAsOf to refresh; an opt-out's empty calendar has none.
        boolean refreshDue = calendarAsOf != null && (last.calendarAsOf() == null
                || !calendarAsOf.isBefore(last.calendarAsOf().plus(asOfRefresh)));
        if (same && !refreshDue) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(last.version() + 1);
    }

    /** True when a tombstone must be written: the topic still holds a value for a user who is gone. */
    public static boolean needsTombstone(LastPublished last) {
        return last != null && !last.tombstone();
    }
}
