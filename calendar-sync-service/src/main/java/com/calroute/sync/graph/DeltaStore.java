package com.calroute.sync.graph;

import com.calroute.sync.plan.RawItem;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a mailbox's calendarView delta state lives between reads: the window it covers, whether subjects were
 * kept, the delta link to continue from and the items it has built up. Keyed by tenant and mailbox.
 */
public interface DeltaStore {

    /** One mailbox's state; {@code items} by EWS item id, matched against the code book {@code codeBook} identifies. */
    record State(Instant windowStart, Instant windowEnd, boolean withSubjects, long connectionVersion,
                 String deltaLink, Map<String, RawItem> items, String codeBook) {

        /** State built without subject codes or categories. */
        public State(Instant windowStart, Instant windowEnd, boolean withSubjects, long connectionVersion,
                     String deltaLink, Map<String, RawItem> items) {
            this(windowStart, windowEnd, withSubjects, connectionVersion, deltaLink, items, "");
        }

        /** Null reads as the empty book. */
        public State {
            codeBook = codeBook == null ? "" : codeBook;
        }

        @Override
        public String toString() {
            return "DeltaState[window=" + windowStart + ".." + windowEnd + ", items=" + items.size() + "]";
        }
    }

    State load(String tenantId, String mailbox);

    void save(String tenantId, String mailbox, State state);

    void forget(String tenantId, String mailbox);

    /** A store in memory (a restart starts every mailbox with a full round). */
    static DeltaStore inMemory() {
        Map<String, State> states = new ConcurrentHashMap<>();
        return new DeltaStore() {
            @Override
            public State load(String tenantId, String mailbox) {
                return states.get(tenantId + "/" + mailbox);
            }

            @Override
            public void save(String tenantId, String mailbox, State state) {
                states.put(tenantId + "/" + mailbox, state);
            }

            @Override
            public void forget(String tenantId, String mailbox) {
                states.remove(tenantId + "/" + mailbox);
            }
        };
    }
}
