package com.calroute.ewssim.graph;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Graph side of the simulator's state: registered apps, tokens, delta rounds, subscriptions and the per
 * (app, mailbox) concurrency Exchange Online limits to four requests in flight.
 */
public final class GraphState {
    /** Exchange Online's MailboxConcurrency limit: requests in flight per app and mailbox. */
    public static final int MAILBOX_CONCURRENCY = 4;

    private final Map<String, GraphApp> apps = new ConcurrentHashMap<>();
    private final GraphTokens tokens;
    private final DeltaRounds rounds = new DeltaRounds();
    private final GraphSubscriptions subscriptions;
    private final Map<String, Counter> concurrency = new ConcurrentHashMap<>();
    private final Map<String, Counter> appConcurrency = new ConcurrentHashMap<>();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    private static final class Counter {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxObserved = new AtomicInteger();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
    }

    /** A taken concurrency slot; close it when the request is answered. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    public GraphState(Clock clock) {
        this.tokens = new GraphTokens(clock);
        this.subscriptions = new GraphSubscriptions(clock);
    }

    public GraphApp putApp(GraphApp app) {
        apps.put(app.clientId().toLowerCase(Locale.ROOT), app);
        return app;
    }

    public GraphApp app(String clientId) {
        return clientId == null ? null : apps.get(clientId.toLowerCase(Locale.ROOT));
    }

    public boolean removeApp(String clientId) {
        return apps.remove(clientId.toLowerCase(Locale.ROOT)) != null;
    }

    public List<GraphApp> apps() {
        return new ArrayList<>(apps.values());
    }

    /** A directory exists for every tenant id some registered app lives in. */
    boolean knowsTenant(String tenantId) {
        return apps.values().stream().anyMatch(app -> app.tenantId().equalsIgnoreCase(tenantId));
    }

    GraphTokens tokens() { return tokens; }
    DeltaRounds rounds() { return rounds; }
    public GraphSubscriptions subscriptions() { return subscriptions; }

    void countToken() { tokensIssued.incrementAndGet(); }
    void countThrottled() { throttled.incrementAndGet(); }

    /**
     * Takes one of the four slots of (app, mailbox), or null when all are in use. The app's requests in flight
     * over all its mailboxes are counted too (observed only: Exchange Online limits per mailbox).
     */
    Slot enter(String appId, String mailbox) {
        String app = appId.toLowerCase(Locale.ROOT);
        Counter counter = concurrency.computeIfAbsent(app + "|" + mailbox, key -> new Counter());
        counter.requests.incrementAndGet();
        int now = counter.inFlight.incrementAndGet();
        if (now > MAILBOX_CONCURRENCY) {
            counter.inFlight.decrementAndGet();
            counter.rejected.incrementAndGet();
            throttled.incrementAndGet();
            return null;
        }
        counter.maxObserved.accumulateAndGet(now, Math::max);
        Counter whole = appConcurrency.computeIfAbsent(app, key -> new Counter());
        whole.requests.incrementAndGet();
        whole.maxObserved.accumulateAndGet(whole.inFlight.incrementAndGet(), Math::max);
        return () -> {
            whole.inFlight.decrementAndGet();
            counter.inFlight.decrementAndGet();
        };
    }

    /** Counters for the control API's {@code GET /graph/stats}. */
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("tokensIssued", tokensIssued.get());
        stats.put("throttled", throttled.get());
        Map<String, Object> mailboxes = new TreeMap<>();
        concurrency.forEach((key, counter) -> mailboxes.put(key, Map.of("inFlight", counter.inFlight.get(),
                "maxConcurrentObserved", counter.maxObserved.get(), "requests", counter.requests.get(),
                "mailboxConcurrencyRejected", counter.rejected.get())));
        stats.put("mailboxes", mailboxes);
        Map<String, Object> perApp = new TreeMap<>();
        appConcurrency.forEach((app, counter) -> perApp.put(app, Map.of("inFlight", counter.inFlight.get(),
                "maxConcurrentObserved", counter.maxObserved.get(), "requests", counter.requests.get())));
        stats.put("apps", perApp);
        stats.putAll(subscriptions.stats());
        return stats;
    }

    public void clearStats() {
        concurrency.clear();
        appConcurrency.clear();
        tokensIssued.set(0);
        throttled.set(0);
    }

    public void clear() {
        apps.clear();
        rounds.clear();
        subscriptions.clear();
        clearStats();
    }

    public void close() {
        subscriptions.close();
    }
}
