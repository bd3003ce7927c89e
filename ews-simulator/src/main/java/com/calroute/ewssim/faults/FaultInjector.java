package com.calroute.ewssim.faults;

import com.calroute.ewssim.auth.UserNames;
import com.calroute.ewssim.mailbox.Mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Holds the injected faults and decides which fire for a request. */
public final class FaultInjector {
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public FaultRule add(String account, String mailbox, FaultKind kind, long latencyMs, long backOffMs, Integer count) {
        return add(account, mailbox, null, kind, latencyMs, backOffMs, count);
    }

    /** A rule that fires only for EWS requests of {@code operation} (null: every request). */
    public FaultRule add(String account, String mailbox, String operation, FaultKind kind, long latencyMs,
                         long backOffMs, Integer count) {
        FaultRule rule = new FaultRule(ids.incrementAndGet(),
                account == null ? null : UserNames.parse(account).key(),
                mailbox == null ? null : Mailbox.canonical(mailbox), operation, kind, latencyMs, backOffMs, count);
        rules.add(rule);
        return rule;
    }

    public boolean remove(long id) {
        return rules.removeIf(rule -> rule.id() == id);
    }

    public void clear() {
        rules.clear();
    }

    public List<FaultRule> all() {
        return new ArrayList<>(rules);
    }

    /**
     * The first rule of {@code kind} matching the request, consumed; null when none fires. A mailbox-scoped rule
     * matches when the request targets that mailbox; an account-scoped one when that account calls.
     */
    public FaultRule fire(FaultKind kind, String accountKey, String mailbox) {
        return fire(kind, accountKey, mailbox, null);
    }

    /**
     * The same for a request of a known EWS {@code operation}: a rule scoped to an operation fires only for that
     * one (and never where the operation is not given, e.g. Graph requests).
     */
    public FaultRule fire(FaultKind kind, String accountKey, String mailbox, String operation) {
        for (FaultRule rule : rules) {
            if (rule.kind() == kind && matches(rule, accountKey, mailbox, operation) && rule.consume()) {
                if (rule.exhausted()) {
                    rules.remove(rule);
                }
                return rule;
            }
        }
        return null;
    }

    /** Whether a rule of {@code kind} would match, without consuming it. */
    public boolean wouldFire(FaultKind kind, String accountKey, String mailbox) {
        return rules.stream().anyMatch(rule -> rule.kind() == kind && !rule.exhausted()
                && matches(rule, accountKey, mailbox, null));
    }

    private static boolean matches(FaultRule rule, String accountKey, String mailbox, String operation) {
        if (rule.operation() != null && !rule.operation().equals(operation)) {
            return false;
        }
        boolean accountOk = rule.account() == null
                || (accountKey != null && rule.account().equals(accountKey.toLowerCase(Locale.ROOT)));
        boolean mailboxOk = rule.mailbox() == null || (mailbox != null && rule.mailbox().equals(Mailbox.canonical(mailbox)));
        return accountOk && mailboxOk;
    }
}
