package com.calroute.ewssim.throttling;

import com.calroute.ewssim.SimulatorSettings;
import com.calroute.ewssim.auth.ServiceAccount;
import com.calroute.ewssim.soap.EwsFault;
import com.calroute.ewssim.soap.ResponseCodes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exchange's per-account throttling: at most EWSMaxConcurrency requests in flight (more get
 * ErrorExceededConnectionCount) and a recharging budget (a token bucket; an empty one gets ErrorServerBusy with
 * BackOffMilliseconds). Also keeps the statistics tests read from /sim/v1/stats.
 */
public final class Throttler {
    private final SimulatorSettings settings;
    private final Map<String, AccountBudget> budgets = new ConcurrentHashMap<>();

    public Throttler(SimulatorSettings settings) {
        this.settings = settings;
    }

    /** A held concurrency slot; closing it (once or more) releases the slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Admits one request of {@code account} or throws the fault Exchange would send. */
    public Permit admit(ServiceAccount account) {
        AccountBudget budget = budgetOf(account);
        budget.requests.incrementAndGet();
        int limit = account.maxConcurrency() != null ? account.maxConcurrency() : settings.maxConcurrency();
        int inFlight = budget.inFlight.incrementAndGet();
        if (inFlight > limit) {
            budget.inFlight.decrementAndGet();
            budget.rejectedConcurrency.incrementAndGet();
            throw EwsFault.of(ResponseCodes.EXCEEDED_CONNECTION_COUNT);
        }
        budget.maxConcurrentObserved.accumulateAndGet(inFlight, Math::max);
        long backOff = budget.tryTake(account, settings);
        if (backOff > 0) {
            budget.inFlight.decrementAndGet();
            throw serverBusy(budget, backOff);
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                budget.inFlight.decrementAndGet();
            }
        };
    }

    /** An injected ErrorServerBusy, counted like a real one. */
    public EwsFault injectedServerBusy(ServiceAccount account, long backOffMillis) {
        return serverBusy(budgetOf(account), backOffMillis);
    }

    private EwsFault serverBusy(AccountBudget budget, long backOffMillis) {
        budget.serverBusy.incrementAndGet();
        return new EwsFault(ResponseCodes.SERVER_BUSY, ResponseCodes.messageFor(ResponseCodes.SERVER_BUSY),
                Map.of("BackOffMilliseconds", Long.toString(backOffMillis)));
    }

    public Map<String, Map<String, Object>> stats() {
        Map<String, Map<String, Object>> stats = new TreeMap<>();
        budgets.forEach((key, budget) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("maxConcurrentObserved", budget.maxConcurrentObserved.get());
            entry.put("inFlight", budget.inFlight.get());
            entry.put("requests", budget.requests.get());
            entry.put("serverBusy", budget.serverBusy.get());
            entry.put("exceededConnectionCount", budget.rejectedConcurrency.get());
            stats.put(key, entry);
        });
        return stats;
    }

    public void resetStats() {
        budgets.values().forEach(AccountBudget::resetCounters);
    }

    public void clear() {
        budgets.clear();
    }

    private AccountBudget budgetOf(ServiceAccount account) {
        return budgets.computeIfAbsent(account.key(), key -> new AccountBudget());
    }

    private static final class AccountBudget {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxConcurrentObserved = new AtomicInteger();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong serverBusy = new AtomicLong();
        final AtomicLong rejectedConcurrency = new AtomicLong();
        private TokenBucket bucket;
        private double bucketRate;
        private double bucketCapacity;

        synchronized long tryTake(ServiceAccount account, SimulatorSettings settings) {
            Double rate = account.budgetPerSecond() != null ? account.budgetPerSecond() : settings.defaultBudgetPerSecond();
            if (rate == null || rate <= 0) {
                return 0;
            }
            Double burst = account.burst() != null ? account.burst() : settings.defaultBurst();
            double capacity = Math.max(1, burst != null ? burst : rate);
            if (bucket == null || bucketRate != rate || bucketCapacity != capacity) {
                bucket = new TokenBucket(rate, capacity, System.nanoTime());
                bucketRate = rate;
                bucketCapacity = capacity;
            }
            return Objects.requireNonNull(bucket).tryTake(System.nanoTime());
        }

        void resetCounters() {
            maxConcurrentObserved.set(inFlight.get());
            requests.set(0);
            serverBusy.set(0);
            rejectedConcurrency.set(0);
        }
    }
}
