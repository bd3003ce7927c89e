package com.calroute.ewssim.auth;

import com.calroute.ewssim.mailbox.Mailbox;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Windows account that calls EWS (typically a service account holding ApplicationImpersonation), with its
 * password, throttling policy and the mailboxes it may impersonate.
 */
public final class ServiceAccount {
    private final String user;
    private volatile String domain;
    private volatile String password;
    private volatile Integer maxConcurrency;
    private volatile Double budgetPerSecond;
    private volatile Double burst;
    private volatile boolean impersonateAll;
    private final Set<String> impersonationGrants = ConcurrentHashMap.newKeySet();

    public ServiceAccount(String user, String domain, String password) {
        this.user = user;
        this.domain = domain == null ? "" : domain;
        this.password = password;
    }

    public String user() { return user; }
    public String key() { return new UserNames.Parsed(user, domain).key(); }
    public String domain() { return domain; }
    public String password() { return password; }
    public Integer maxConcurrency() { return maxConcurrency; }
    public Double budgetPerSecond() { return budgetPerSecond; }
    public Double burst() { return burst; }
    public boolean impersonateAll() { return impersonateAll; }

    public void update(String newDomain, String newPassword, Integer newMaxConcurrency, Double newBudgetPerSecond,
            Double newBurst) {
        if (newDomain != null) {
            domain = newDomain;
        }
        if (newPassword != null) {
            password = newPassword;
        }
        maxConcurrency = newMaxConcurrency;
        budgetPerSecond = newBudgetPerSecond;
        burst = newBurst;
    }

    public void grant(String smtpOrStar) {
        if ("*".equals(smtpOrStar)) {
            impersonateAll = true;
        } else {
            impersonationGrants.add(Mailbox.canonical(smtpOrStar));
        }
    }

    public boolean revoke(String smtpOrStar) {
        if ("*".equals(smtpOrStar)) {
            boolean was = impersonateAll;
            impersonateAll = false;
            return was;
        }
        return impersonationGrants.remove(Mailbox.canonical(smtpOrStar));
    }

    /** Whether the account holds the impersonation right at all (for any mailbox). */
    public boolean hasAnyImpersonationRight() {
        return impersonateAll || !impersonationGrants.isEmpty();
    }

    public boolean mayImpersonate(String smtp) {
        return impersonateAll || impersonationGrants.contains(Mailbox.canonical(smtp));
    }

    public Set<String> grants() {
        Set<String> grants = new TreeSet<>(impersonationGrants);
        if (impersonateAll) {
            grants.add("*");
        }
        return grants;
    }
}
