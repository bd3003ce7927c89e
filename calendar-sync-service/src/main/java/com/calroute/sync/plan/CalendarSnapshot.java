package com.calroute.sync.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The complete truth about one mailbox's window that one message on the calendar topic carries. Its
 * {@link #fingerprint()} covers exactly what a reader sees (not when it was read), so "nothing changed" is a
 * fingerprint comparison. The empty calendar of an opted-out user has a window-independent fingerprint, so the daily
 * roll-forward does not republish it. {@code automaticReplies} is the mailbox's automatic-reply state and
 * {@code workingHours} its working hours, as last polled, each null while not known.
 */
public record CalendarSnapshot(boolean syncEnabled, SyncWindow window, List<NormalItem> items,
                               AutomaticReplies automaticReplies, WorkingHours workingHours) {

    private static final String OPTED_OUT_FINGERPRINT = "opted-out";

    public CalendarSnapshot {
        Objects.requireNonNull(window, "window");
        items = List.copyOf(items);
        if (!syncEnabled && !items.isEmpty()) {
            throw new IllegalArgumentException("an opted-out calendar carries no items");
        }
    }

    /** A snapshot whose automatic replies and working hours are not known. */
    public CalendarSnapshot(boolean syncEnabled, SyncWindow window, List<NormalItem> items) {
        this(syncEnabled, window, items, null, null);
    }

    /** A snapshot whose working hours are not known. */
    public CalendarSnapshot(boolean syncEnabled, SyncWindow window, List<NormalItem> items,
                            AutomaticReplies automaticReplies) {
        this(syncEnabled, window, items, automaticReplies, null);
    }

    /** The empty calendar published when a user turns sync off. */
    public static CalendarSnapshot optedOut(SyncWindow window) {
        return new CalendarSnapshot(false, window, List.of());
    }

    /** A digest of everything a reader of this snapshot sees, in a canonical order. */
    public String fingerprint() {
        if (!syncEnabled) {
            return OPTED_OUT_FINGERPRINT;
        }
        StringBuilder canonical = new StringBuilder(64 + items.size() * 160);
        canonical.append(window.start()).append('|').append(window.end()).append('\n');
        if (automaticReplies != null) {
            canonical.append("replies|").append(automaticReplies.state()).append('|').append(automaticReplies.start())
                    .append('|').append(automaticReplies.end()).append('\n');
        }
        if (workingHours != null) {
            canonical.append("hours|").append(workingHours.canonical()).append('\n');
        }
        items.stream().sorted(Normaliser.ORDER).forEach(item -> canonical
                .append(item.itemId()).append('|').append(item.changeKey()).append('|')
                .append(item.start()).append('|').append(item.end()).append('|')
                .append(item.allDay()).append('|').append(item.startDate()).append('|').append(item.endDate()).append('|')
                .append(item.timeZone()).append('|').append(item.busy()).append('|').append(item.privacy()).append('|')
                .append(item.cancelled()).append('|').append(escape(item.subject())).append('|')
                .append(escape(item.location())).append('\n'));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String escape(String text) {
        return text == null ? "\u0000" : text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n");
    }
}
