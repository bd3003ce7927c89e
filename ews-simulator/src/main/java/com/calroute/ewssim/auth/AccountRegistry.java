package com.calroute.ewssim.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Service accounts by normalised user name (see {@link UserNames}). */
public final class AccountRegistry {
    private final Map<String, ServiceAccount> accounts = new ConcurrentHashMap<>();

    /** Creates or updates the account named {@code rawUserName} ("DOMAIN\\user", "user@domain" or "user"). */
    public ServiceAccount put(String rawUserName, String password, Integer maxConcurrency, Double budgetPerSecond,
            Double burst) {
        UserNames.Parsed name = UserNames.parse(rawUserName);
        if (name.user().isEmpty()) {
            throw new IllegalArgumentException("user name is empty");
        }
        return accounts.compute(name.key(), (key, existing) -> {
            ServiceAccount account = existing != null ? existing : new ServiceAccount(name.user(), name.domain(), password);
            account.update(name.domain().isEmpty() ? null : name.domain(), password, maxConcurrency, budgetPerSecond, burst);
            return account;
        });
    }

    public ServiceAccount find(String rawUserName) {
        return accounts.get(UserNames.parse(rawUserName).key());
    }

    /** The account a client names, provided the domain it sends (if any) fits; null otherwise. */
    public ServiceAccount resolve(String user, String domain) {
        UserNames.Parsed parsed = UserNames.parse(user);
        String effectiveDomain = parsed.domain().isEmpty() ? domain : parsed.domain();
        ServiceAccount account = accounts.get(parsed.key());
        if (account == null || !UserNames.domainsMatch(account.domain(), effectiveDomain)) {
            return null;
        }
        return account;
    }

    public boolean remove(String rawUserName) {
        return accounts.remove(UserNames.parse(rawUserName).key()) != null;
    }

    public Collection<ServiceAccount> all() {
        return new ArrayList<>(accounts.values());
    }

    public void clear() {
        accounts.clear();
    }
}
