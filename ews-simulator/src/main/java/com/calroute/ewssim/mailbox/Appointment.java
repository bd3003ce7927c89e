package com.calroute.ewssim.mailbox;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of a calendar item: a single appointment or the master of a recurring series,
 * with its modified and deleted occurrences. Times are instants (UTC); the zone says where it was created,
 * which is what keeps a weekly 09:00 meeting at 09:00 local time across daylight-saving changes.
 */
public final class Appointment {
    private final String itemId;
    private final String uid;
    private final String changeKey;
    private final int revision;
    private final Instant created;
    private final Instant lastModified;
    private final String subject;
    private final String location;
    private final String body;
    private final Instant start;
    private final Instant end;
    private final ZoneId timeZone;
    private final boolean allDay;
    private final FreeBusyStatus freeBusy;
    private final Sensitivity sensitivity;
    private final boolean cancelled;
    private final boolean meeting;
    private final ResponseType myResponse;
    private final Recurrence recurrence;
    /** Outlook's category names the item is tagged with (EWS {@code Categories}, Graph {@code categories}), in order. */
    private final List<String> categories;
    private final NavigableMap<Instant, OccurrenceChange> modifiedOccurrences;
    private final NavigableSet<Instant> deletedOccurrences;

    private Appointment(Builder b) {
        this.itemId = Objects.requireNonNull(b.itemId, "itemId");
        this.uid = Objects.requireNonNull(b.uid, "uid");
        this.changeKey = Objects.requireNonNull(b.changeKey, "changeKey");
        this.revision = b.revision;
        this.created = Objects.requireNonNull(b.created, "created");
        this.lastModified = Objects.requireNonNull(b.lastModified, "lastModified");
        this.subject = b.subject == null ? "" : b.subject;
        this.location = b.location;
        this.body = b.body;
        this.start = Objects.requireNonNull(b.start, "start");
        this.end = Objects.requireNonNull(b.end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end is before start");
        }
        this.timeZone = b.timeZone == null ? ZoneId.of("UTC") : b.timeZone;
        this.allDay = b.allDay;
        this.freeBusy = b.freeBusy == null ? FreeBusyStatus.BUSY : b.freeBusy;
        this.sensitivity = b.sensitivity == null ? Sensitivity.NORMAL : b.sensitivity;
        this.cancelled = b.cancelled;
        this.meeting = b.meeting;
        this.myResponse = b.myResponse == null ? ResponseType.ORGANIZER : b.myResponse;
        this.recurrence = b.recurrence;
        this.categories = b.categories == null ? List.of() : List.copyOf(b.categories);
        this.modifiedOccurrences = Collections.unmodifiableNavigableMap(new TreeMap<>(b.modifiedOccurrences));
        this.deletedOccurrences = Collections.unmodifiableNavigableSet(new TreeSet<>(b.deletedOccurrences));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.itemId = itemId;
        b.uid = uid;
        b.changeKey = changeKey;
        b.revision = revision;
        b.created = created;
        b.lastModified = lastModified;
        b.subject = subject;
        b.location = location;
        b.body = body;
        b.start = start;
        b.end = end;
        b.timeZone = timeZone;
        b.allDay = allDay;
        b.freeBusy = freeBusy;
        b.sensitivity = sensitivity;
        b.cancelled = cancelled;
        b.meeting = meeting;
        b.myResponse = myResponse;
        b.recurrence = recurrence;
        b.categories = categories;
        b.modifiedOccurrences = new TreeMap<>(modifiedOccurrences);
        b.deletedOccurrences = new TreeSet<>(deletedOccurrences);
        return b;
    }

    public String itemId() { return itemId; }
    public String uid() { return uid; }
    public String changeKey() { return changeKey; }
    public int revision() { return revision; }
    public Instant created() { return created; }
    public Instant lastModified() { return lastModified; }
    public String subject() { return subject; }
    public String location() { return location; }
    public String body() { return body; }
    public Instant start() { return start; }
    public Instant end() { return end; }
    public ZoneId timeZone() { return timeZone; }
    public boolean allDay() { return allDay; }
    public FreeBusyStatus freeBusy() { return freeBusy; }
    public Sensitivity sensitivity() { return sensitivity; }
    public boolean cancelled() { return cancelled; }
    public boolean meeting() { return meeting; }
    /** How the owner answered: ORGANIZER for their own appointments, else what they replied to the invitation. */
    public ResponseType myResponse() { return myResponse; }
    public Recurrence recurrence() { return recurrence; }
    /** The item's category names, in the order they were set; occurrences of a series carry the series'. */
    public List<String> categories() { return categories; }
    public boolean recurring() { return recurrence != null; }
    public NavigableMap<Instant, OccurrenceChange> modifiedOccurrences() { return modifiedOccurrences; }
    public NavigableSet<Instant> deletedOccurrences() { return deletedOccurrences; }

    /** Mutable builder; {@link Mailbox} assigns ids, change keys and timestamps. */
    public static final class Builder {
        private String itemId;
        private String uid;
        private String changeKey;
        private int revision;
        private Instant created;
        private Instant lastModified;
        private String subject;
        private String location;
        private String body;
        private Instant start;
        private Instant end;
        private ZoneId timeZone;
        private boolean allDay;
        private FreeBusyStatus freeBusy;
        private Sensitivity sensitivity;
        private boolean cancelled;
        private boolean meeting;
        private ResponseType myResponse;
        private Recurrence recurrence;
        private List<String> categories;
        private NavigableMap<Instant, OccurrenceChange> modifiedOccurrences = new TreeMap<>();
        private NavigableSet<Instant> deletedOccurrences = new TreeSet<>();

        public Builder itemId(String v) { itemId = v; return this; }
        public Builder uid(String v) { uid = v; return this; }
        public Builder changeKey(String v) { changeKey = v; return this; }
        public Builder revision(int v) { revision = v; return this; }
        public Builder created(Instant v) { created = v; return this; }
        public Builder lastModified(Instant v) { lastModified = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder location(String v) { location = v; return this; }
        public Builder body(String v) { body = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder end(Instant v) { end = v; return this; }
        public Builder timeZone(ZoneId v) { timeZone = v; return this; }
        public Builder allDay(boolean v) { allDay = v; return this; }
        public Builder freeBusy(FreeBusyStatus v) { freeBusy = v; return this; }
        public Builder sensitivity(Sensitivity v) { sensitivity = v; return this; }
        public Builder cancelled(boolean v) { cancelled = v; return this; }
        public Builder meeting(boolean v) { meeting = v; return this; }
        public Builder myResponse(ResponseType v) { myResponse = v; return this; }
        public Builder recurrence(Recurrence v) { recurrence = v; return this; }
        public Builder categories(List<String> v) { categories = v; return this; }
        public Builder modifiedOccurrences(NavigableMap<Instant, OccurrenceChange> v) { modifiedOccurrences = new TreeMap<>(v); return this; }
        public Builder deletedOccurrences(NavigableSet<Instant> v) { deletedOccurrences = new TreeSet<>(v); return this; }

        public Instant start() { return start; }
        public Instant end() { return end; }
        public ZoneId timeZone() { return timeZone; }
        public boolean allDay() { return allDay; }

        public Appointment build() {
            return new Appointment(this);
        }
    }
}
