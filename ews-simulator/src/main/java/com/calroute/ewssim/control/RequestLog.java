package com.calroute.ewssim.control;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A bounded ring buffer of the EWS requests the simulator answered, for tests to inspect. */
public final class RequestLog {
    private final int capacity;
    private final Deque<Entry> entries;

    /** One answered request. Fields may be null when the request failed before they were known. */
    public record Entry(Instant at, String account, String impersonated, String anchorMailbox, Boolean anchorMatches,
            String operation, String responseCode, int httpStatus, long durationMs) {
    }

    public RequestLog(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized void add(Entry entry) {
        if (entries.size() >= capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Entries matching all given filters (null = any), oldest first. */
    public synchronized List<Entry> find(String account, String mailbox, String operation) {
        List<Entry> result = new ArrayList<>();
        for (Entry entry : entries) {
            if (account != null && (entry.account() == null || !entry.account().equalsIgnoreCase(account))) {
                continue;
            }
            if (mailbox != null && (entry.impersonated() == null || !entry.impersonated().equalsIgnoreCase(mailbox))) {
                continue;
            }
            if (operation != null && !operation.equals(entry.operation())) {
                continue;
            }
            result.add(entry);
        }
        return result;
    }

    public synchronized void clear() {
        entries.clear();
    }
}
