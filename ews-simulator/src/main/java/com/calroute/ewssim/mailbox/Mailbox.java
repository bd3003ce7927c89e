package com.calroute.ewssim.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A mailbox with one calendar folder. Every mutation gets a fresh change key, lands in an append-only change
 * log (what SyncFolderItems replays) and is announced to the listener (what subscriptions are fed from).
 */
public final class Mailbox {
    private final String smtpAddress;
    private final byte[] key;
    private final String calendarFolderId;
    private final Clock clock;
    private final MailboxListener listener;
    private final Map<String, Appointment> items = new ConcurrentHashMap<>();
    private final List<LogEntry> changeLog = new ArrayList<>();
    private volatile String displayName;
    private volatile ZoneId timeZone;
    private volatile String calendarFolderChangeKey = ItemIds.newChangeKey();
    private volatile AutomaticReplies automaticReplies = AutomaticReplies.OFF;
    private volatile WorkingHours workingHours;
    private final String rootFolderId;
    private final String rootFolderChangeKey = ItemIds.newChangeKey();

    /** One entry of the change log. */
    public record LogEntry(long sequence, String itemId, ChangeType type) {
    }

    /** Kinds of change SyncFolderItems reports. */
    public enum ChangeType { CREATE, UPDATE, DELETE }

    public Mailbox(String smtpAddress, String displayName, ZoneId timeZone, Clock clock, MailboxListener listener) {
        this.smtpAddress = canonical(smtpAddress);
        this.key = ItemIds.mailboxKey(this.smtpAddress);
        this.calendarFolderId = ItemIds.folderId(key);
        this.rootFolderId = ItemIds.rootFolderId(key);
        this.displayName = displayName == null || displayName.isBlank() ? this.smtpAddress : displayName;
        this.timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        this.clock = clock;
        this.listener = listener;
    }

    public static String canonical(String smtpAddress) {
        return Objects.requireNonNull(smtpAddress, "smtpAddress").trim().toLowerCase(Locale.ROOT);
    }

    public String smtpAddress() { return smtpAddress; }
    public byte[] key() { return key.clone(); }
    public String displayName() { return displayName; }
    public ZoneId timeZone() { return timeZone; }
    public String calendarFolderId() { return calendarFolderId; }
    public String calendarFolderChangeKey() { return calendarFolderChangeKey; }
    public int itemCount() { return items.size(); }
    /** The automatic replies as set now. */
    public AutomaticReplies automaticReplies() { return automaticReplies; }
    /** Sets the automatic replies; like Exchange, this notifies no calendar subscription. */
    public void automaticReplies(AutomaticReplies replies) { automaticReplies = Objects.requireNonNull(replies); }

    /** The working hours set for the mailbox; until set, Exchange's default in the mailbox's time zone. */
    public WorkingHours workingHours() {
        WorkingHours set = workingHours;
        return set != null ? set : WorkingHours.standard(timeZone);
    }

    /** Sets the working hours (as Outlook's calendar options would); they notify no calendar subscription. */
    public void workingHours(WorkingHours hours) { workingHours = Objects.requireNonNull(hours); }

    public void updateProfile(String newDisplayName, ZoneId newTimeZone) {
        if (newDisplayName != null && !newDisplayName.isBlank()) {
            displayName = newDisplayName;
        }
        if (newTimeZone != null) {
            timeZone = newTimeZone;
        }
    }

    public Appointment item(String itemId) {
        return itemId == null ? null : items.get(itemId);
    }

    /** All items (singles and recurring masters), oldest first. */
    public List<Appointment> items() {
        List<Appointment> list = new ArrayList<>(items.values());
        list.sort(Comparator.comparing(Appointment::created).thenComparing(Appointment::itemId));
        return list;
    }

    /** The calendar view Exchange computes: singles and expanded occurrences overlapping [from, to), by start. */
    public List<CalendarInstance> calendarView(Instant from, Instant to) {
        return calendarView(CalendarInstance.Range.OVERLAPPING, from, to);
    }

    /** The instances {@code range} takes in from {@code from} to {@code to}, by start. */
    public List<CalendarInstance> calendarView(CalendarInstance.Range range, Instant from, Instant to) {
        List<CalendarInstance> view = new ArrayList<>();
        for (Appointment item : items.values()) {
            if (item.recurring()) {
                view.addAll(RecurrenceExpander.expand(item, range, from, to));
            } else {
                CalendarInstance single = single(item);
                if (single.within(range, from, to)) {
                    view.add(single);
                }
            }
        }
        view.sort(Comparator.comparing(CalendarInstance::start).thenComparing(CalendarInstance::end)
                .thenComparing(CalendarInstance::itemId));
        return view;
    }

    public static CalendarInstance single(Appointment item) {
        return new CalendarInstance(item.recurring() ? CalendarInstance.Kind.RECURRING_MASTER : CalendarInstance.Kind.SINGLE,
                item.itemId(), item.changeKey(), item, null, item.start(), item.end(), item.subject(),
                item.location(), item.freeBusy(), item.sensitivity(), item.cancelled(), item.lastModified());
    }

    public Appointment create(Appointment.Builder draft) {
        Instant now = clock.instant();
        String id = ItemIds.newItemId(key);
        Appointment created = alignSeriesStart(draft.itemId(id)
                .uid(UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT))
                .changeKey(ItemIds.newChangeKey())
                .revision(1)
                .created(now)
                .lastModified(now)
                .build());
        synchronized (this) {
            items.put(id, created);
            record(id, ChangeType.CREATE, MailboxEvent.Type.CREATED, created.changeKey(), now);
        }
        return created;
    }

    /** Applies {@code edit} to the item; returns null when it does not exist. */
    public Appointment update(String itemId, UnaryOperator<Appointment.Builder> edit) {
        Instant now = clock.instant();
        synchronized (this) {
            Appointment current = items.get(itemId);
            if (current == null) {
                return null;
            }
            Appointment updated = edit.apply(current.toBuilder())
                    .changeKey(ItemIds.newChangeKey())
                    .revision(current.revision() + 1)
                    .lastModified(now)
                    .build();
            if (updated.modifiedOccurrences().isEmpty() && updated.deletedOccurrences().isEmpty()) {
                updated = alignSeriesStart(updated);
            }
            items.put(itemId, updated);
            record(itemId, ChangeType.UPDATE, MailboxEvent.Type.MODIFIED, updated.changeKey(), now);
            return updated;
        }
    }

    /** Modifies one occurrence of a series, making it an exception; returns null when there is no such item. */
    public Appointment modifyOccurrence(String itemId, Instant originalStart, OccurrenceChange change) {
        Instant now = clock.instant();
        OccurrenceChange stamped = new OccurrenceChange(change.subject(), change.location(), change.start(),
                change.end(), change.freeBusy(), change.sensitivity(), change.cancelled(), ItemIds.newChangeKey(), now);
        return update(itemId, builder -> {
            Appointment current = builder.build();
            requireOccurrence(current, originalStart);
            var modified = new java.util.TreeMap<>(current.modifiedOccurrences());
            modified.merge(originalStart, stamped, OccurrenceChange::merge);
            return builder.modifiedOccurrences(modified);
        });
    }

    /** Deletes one occurrence of a series; returns null when there is no such item. */
    public Appointment deleteOccurrence(String itemId, Instant originalStart) {
        return update(itemId, builder -> {
            Appointment current = builder.build();
            requireOccurrence(current, originalStart);
            var modified = new java.util.TreeMap<>(current.modifiedOccurrences());
            modified.remove(originalStart);
            var deleted = new java.util.TreeSet<>(current.deletedOccurrences());
            deleted.add(originalStart);
            return builder.modifiedOccurrences(modified).deletedOccurrences(deleted);
        });
    }

    public boolean delete(String itemId) {
        Instant now = clock.instant();
        synchronized (this) {
            Appointment removed = items.remove(itemId);
            if (removed == null) {
                return false;
            }
            record(itemId, ChangeType.DELETE, MailboxEvent.Type.DELETED, removed.changeKey(), now);
            return true;
        }
    }

    /** Current change-log position; a sync state records it. */
    public synchronized long currentSequence() {
        return changeLog.isEmpty() ? 0 : changeLog.get(changeLog.size() - 1).sequence();
    }

    /**
     * Changes after {@code afterSequence}, coalesced per item (last change wins), at most {@code maxItems}
     * distinct items. The returned batch says up to which log position it reaches.
     */
    public synchronized SyncBatch changesSince(long afterSequence, int maxItems) {
        Map<String, ChangeType> firstTypes = new LinkedHashMap<>();
        Map<String, ChangeType> lastTypes = new LinkedHashMap<>();
        long reached = afterSequence;
        int startIndex = (int) Math.min(afterSequence, changeLog.size());
        boolean complete = true;
        for (int i = startIndex; i < changeLog.size(); i++) {
            LogEntry entry = changeLog.get(i);
            if (!firstTypes.containsKey(entry.itemId()) && firstTypes.size() >= maxItems) {
                complete = false;
                break;
            }
            firstTypes.putIfAbsent(entry.itemId(), entry.type());
            lastTypes.remove(entry.itemId());
            lastTypes.put(entry.itemId(), entry.type());
            reached = entry.sequence();
        }
        List<SyncChange> changes = new ArrayList<>();
        for (Map.Entry<String, ChangeType> entry : lastTypes.entrySet()) {
            ChangeType first = firstTypes.get(entry.getKey());
            ChangeType last = entry.getValue();
            if (last == ChangeType.DELETE) {
                if (first != ChangeType.CREATE) {
                    changes.add(new SyncChange(ChangeType.DELETE, entry.getKey(), null));
                }
            } else {
                Appointment item = items.get(entry.getKey());
                if (item != null) {
                    changes.add(new SyncChange(first == ChangeType.CREATE ? ChangeType.CREATE : ChangeType.UPDATE,
                            entry.getKey(), item));
                }
            }
        }
        return new SyncBatch(changes, reached, complete);
    }

    /** A coalesced change for SyncFolderItems. {@code item} is null for deletions. */
    public record SyncChange(ChangeType type, String itemId, Appointment item) {
    }

    /** The changes of one SyncFolderItems call and the log position they reach. */
    public record SyncBatch(List<SyncChange> changes, long reachedSequence, boolean includesLastItem) {
    }

    /**
     * Logs the change and announces it twice, as Exchange does: once for the item and once as a ModifiedEvent on
     * the folder it lives in (its counts changed).
     */
    private void record(String itemId, ChangeType type, MailboxEvent.Type eventType, String changeKey, Instant now) {
        changeLog.add(new LogEntry(changeLog.size() + 1L, itemId, type));
        calendarFolderChangeKey = ItemIds.newChangeKey();
        if (listener != null) {
            listener.onEvent(this, new MailboxEvent(eventType, itemId, changeKey, calendarFolderId,
                    calendarFolderChangeKey, now, false));
            listener.onEvent(this, new MailboxEvent(MailboxEvent.Type.MODIFIED, calendarFolderId, calendarFolderChangeKey,
                    rootFolderId, rootFolderChangeKey, now, true));
        }
    }

    /**
     * Exchange moves a series' start to its first occurrence (a weekly-on-Monday series entered on a Wednesday
     * starts the next Monday); the master's Start/End then describe that occurrence.
     */
    private static Appointment alignSeriesStart(Appointment item) {
        if (!item.recurring()) {
            return item;
        }
        List<RecurrenceExpander.Slot> first = RecurrenceExpander.firstSlots(item, 1);
        if (first.isEmpty() || first.get(0).originalStart().equals(item.start())) {
            return item;
        }
        return item.toBuilder().start(first.get(0).originalStart()).end(first.get(0).originalEnd()).build();
    }

    private static void requireOccurrence(Appointment series, Instant originalStart) {
        if (!series.recurring()) {
            throw new IllegalArgumentException("item is not a recurring series");
        }
        if (series.deletedOccurrences().contains(originalStart)
                || !RecurrenceExpander.isOccurrence(series, originalStart)) {
            throw new IllegalArgumentException("no occurrence of the series starts at " + originalStart);
        }
    }
}
