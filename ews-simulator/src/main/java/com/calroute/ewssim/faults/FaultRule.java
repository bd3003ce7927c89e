package com.calroute.ewssim.faults;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One injected fault, scoped to an account or a mailbox (or everything when both are null) and optionally to one EWS
 * operation, firing {@code count} times or until cleared when count is null.
 */
public final class FaultRule {
    private final long id;
    private final String account;
    private final String mailbox;
    private final String operation;
    private final FaultKind kind;
    private final long latencyMs;
    private final long backOffMs;
    private final Integer count;
    private final AtomicInteger remaining;

    public FaultRule(long id, String account, String mailbox, FaultKind kind, long latencyMs, long backOffMs, Integer count) {
        this(id, account, mailbox, null, kind, latencyMs, backOffMs, count);
    }

    /** {@code operation}: the EWS operation it fires for (e.g. {@code Subscribe}), null for every request. */
    public FaultRule(long id, String account, String mailbox, String operation, FaultKind kind, long latencyMs,
                     long backOffMs, Integer count) {
        this.id = id;
        this.account = account;
        this.mailbox = mailbox;
        this.operation = operation;
        this.kind = kind;
        this.latencyMs = latencyMs;
        this.backOffMs = backOffMs;
        this.count = count;
        this.remaining = new AtomicInteger(count == null ? Integer.MAX_VALUE : count);
    }

    public long id() { return id; }
    public String account() { return account; }
    public String mailbox() { return mailbox; }
    public String operation() { return operation; }
    public FaultKind kind() { return kind; }
    public long latencyMs() { return latencyMs; }
    public long backOffMs() { return backOffMs; }
    public Integer count() { return count; }

    public Integer remaining() {
        return count == null ? null : Math.max(0, remaining.get());
    }

    /** Takes one firing; false when the rule is used up. */
    boolean consume() {
        if (count == null) {
            return true;
        }
        return remaining.getAndDecrement() > 0;
    }

    boolean exhausted() {
        return count != null && remaining.get() <= 0;
    }
}
