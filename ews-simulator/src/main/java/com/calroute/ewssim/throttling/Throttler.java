package com.calroute.ewssim.throttling;

import com.calroute.ewssim.SimulatorSettings;
import com.calroute.ewssim.auth.ServiceAccount;
import com.calroute.ewssim.soap.EwsFault;
import com.calroute.ewssim.soap.ResponseCodes;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exchange's throttling: at most EWSMaxConcurrency requests of a service account in flight (more get
 * ErrorExceededConnectionCount) and a recharging budget (a token bucket; an empty one gets ErrorServerBusy with
 * BackOffMilliseconds). Which budget a request spends follows the server's {@link BudgetScope}: an impersonated
 * request on Exchange 2013 and later spends the target mailbox's impersonation budget (the server's default policy,
 * shared by every account impersonating that mailbox), anything else its account's. Concurrency stays per account.
 * Also keeps the statistics tests read from /sim/v1/stats, per calling account.
 */
public final class Throttler {
    private final SimulatorSettings settings;
    private final Map<String, AccountBudget> budgets = new ConcurrentHashMap<>();
    private final Map<String, RechargingBudget> targetBudgets = new ConcurrentHashMap<>();

    public Throttler(SimulatorSettings settings) {
        this.settings = settings;
    }

    /** A held concurrency slot; closing it (once or more) releases the slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Admits one request of {@code account}, impersonating {@code impersonatedMailbox} (null: none), or throws the
     * fault Exchange would send.
     */
    public Permit admit(ServiceAccount account, String impersonatedMailbox) {
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
        long backOff = chargeTo(account, impersonatedMailbox, budget);
        if (backOff > 0) {
            budget.inFlight.decrementAndGet();
            throw serverBusy(budget, backOff);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                budget.inFlight.decrementAndGet();
            }
        };
    }

    /** Takes the request's share of the budget that pays for it: 0, or the milliseconds until it recharges. */
    private long chargeTo(ServiceAccount account, String impersonatedMailbox, AccountBudget accountBudget) {
        if (impersonatedMailbox != null && settings.budgetScope() == BudgetScope.TARGET_MAILBOX) {
            // The target mailbox's policy: the simulator's mailboxes all have the server's default one.
            return targetBudgets.computeIfAbsent(impersonatedMailbox.toLowerCase(Locale.ROOT),
                    mailbox -> new RechargingBudget()).tryTake(settings.defaultBudgetPerSecond(), settings.defaultBurst());
        }
        Double rate = account.budgetPerSecond() != null ? account.budgetPerSecond() : settings.defaultBudgetPerSecond();
        Double burst = account.burst() != null ? account.burst() : settings.defaultBurst();
        return accountBudget.recharging.tryTake(rate, burst);
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
        targetBudgets.clear();
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
        final RechargingBudget recharging = new RechargingBudget();

        void resetCounters() {
            maxConcurrentObserved.set(inFlight.get());
            requests.set(0);
            serverBusy.set(0);
            rejectedConcurrency.set(0);
        }
    }

    /** A token bucket that follows its policy: rebuilt (full) when the rate or burst it is given changes. */
    private static final class RechargingBudget {
        private TokenBucket bucket;
        private double bucketRate;
        private double bucketCapacity;

        /** 0 when a token was taken (or no budget applies: {@code rate} unset), else the milliseconds until one is. */
        synchronized long tryTake(Double rate, Double burst) {
            if (rate == null || rate <= 0) {
                return 0;
            }
            double capacity = Math.max(1, burst != null ? burst : rate);
            if (bucket == null || bucketRate != rate || bucketCapacity != capacity) {
                bucket = new TokenBucket(rate, capacity, System.nanoTime());
                bucketRate = rate;
                bucketCapacity = capacity;
            }
            return Objects.requireNonNull(bucket).tryTake(System.nanoTime());
        }
    }
}
