package com.calroute.routing.ingest;

import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.contracts.Patterns;
import com.calroute.routing.status.CalendarSnapshot;
import com.calroute.routing.status.CallerAnnouncement;
import com.calroute.routing.status.ItemMeanings;
import com.calroute.routing.status.CallerRules;
import com.calroute.routing.status.ManualOverride;
import com.calroute.routing.status.RoutingInput;
import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.status.StatusSettings;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Every user's settings, calendar and override, with the lookup maps built from them. One thread (the ingest
 * loop) writes; lookups read the concurrent maps of immutable {@link UserRoute}s without locks.
 *
 * <p>Idempotent by version: an update whose version is lower than or equal to the one held changes nothing; a
 * tombstone deletes regardless. A calendar for a key with no user makes no route. It is held for a short grace
 * period, because the users and calendar topics are read in parallel and a new user's calendar may arrive
 * before the user; if the user does not appear in that time it is dropped. Calendars of un-enrolled users
 * (user ids are never reused) are ignored outright, and un-enrolling deletes everything held about the user.
 */
public final class UserTable {

    private record UserRecord(long version, String tenantId, String userId, LinkedLogin login, String number,
                              StatusSettings settings, CallerRules callerRules, String displayName,
                              boolean announcement) {
    }

    private record TenantRecord(long version, ZoneId zone, String switchboardNumber, String country,
                                ItemMeanings meanings) {
    }

    private record Versioned<T>(long version, T value) {
    }

    private final Map<String, UserRecord> users = new HashMap<>();
    private final Map<String, HeldCalendar> calendars = new HashMap<>();
    private final Map<String, Versioned<ManualOverride>> overrides = new HashMap<>();
    private final Map<String, TenantRecord> tenants = new HashMap<>();
    /** Each tenant's user keys: recompiles a tenant's users and answers the tenant's routes to any thread. */
    private final ConcurrentHashMap<String, Set<String>> keysByTenant = new ConcurrentHashMap<>();
    private final Map<String, Long> orphanSinceNanos = new HashMap<>();
    private final Set<String> unenrolled = new HashSet<>();
    /** Values most users share, held once: every replica holds every user (issue #21). Own lists are not shared. */
    private final Interner<String> tenantIds = new Interner<>();
    private final Interner<StatusSettings> settings = new Interner<>();
    private final Interner<CallerRules> callerRules = new Interner<>();

    private final ConcurrentHashMap<String, UserRoute> routesByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, UserRoute> routesByNumber = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> keysByLogin = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> overrideVersions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ForwardTargets.Policy> forwardPolicies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> countries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ZoneId> zones = new ConcurrentHashMap<>();

    private volatile int calendarsHeld;
    /**
     * While the start-up replay runs: the users whose route is to be compiled when it ends, each under the key string
     * the table holds for it, in the order they were last changed (null when live). See {@link #deferCompilation}.
     */
    private LinkedHashMap<String, String> deferred;

    private final StatusEngine engine;
    private final ZoneId defaultZone;
    private final ToIntFunction<String> partitioner;

    /** A table compiling plans with {@code engine}; {@code partitioner} maps a key to its partition. */
    public UserTable(StatusEngine engine, ZoneId defaultZone, ToIntFunction<String> partitioner) {
        this.engine = engine;
        this.defaultZone = defaultZone;
        this.partitioner = partitioner;
    }

    // ---- reads (any thread) ----

    /** The route of the user with this mobile number, if enrolled. */
    public UserRoute byNumber(String number) {
        return routesByNumber.get(number);
    }

    /** The route of the user with this key, if enrolled. */
    public UserRoute byKey(String key) {
        return routesByKey.get(key);
    }

    /** The route of the enrolled user of this tenant whose enrolment is bound to this login, if any. */
    public UserRoute byLogin(String tenantId, LinkedLogin login) {
        String key = keysByLogin.get(loginKey(tenantId, login));
        return key == null ? null : routesByKey.get(key);
    }

    /** Where the tenant's employees may forward calls; the operator default until its tenants.v1 value arrives. */
    public ForwardTargets.Policy forwardPolicy(String tenantId) {
        return forwardPolicies.getOrDefault(tenantId, ForwardTargets.Policy.NATIONAL_ONLY);
    }

    /** The tenant's country (ISO 3166-1 alpha-2) once its tenants.v1 value has arrived; null before. */
    public String country(String tenantId) {
        return countries.get(tenantId);
    }

    /** The tenant's time zone once its tenants.v1 value has arrived; the default zone before. */
    public ZoneId zone(String tenantId) {
        return zones.getOrDefault(tenantId, defaultZone);
    }

    /** The version of the user's override as this replica holds it (0 when none). */
    public long overrideVersion(String key) {
        return overrideVersions.getOrDefault(key, 0L);
    }

    /** How many calendars the table holds (users' and, for a short while, early ones; readable from any thread). */
    public int calendarCount() {
        return calendarsHeld;
    }

    /** How many users the table holds. */
    public int size() {
        return routesByKey.size();
    }

    /** Every enrolled user's route. */
    public Collection<UserRoute> routes() {
        return routesByKey.values();
    }

    /** The routes of the tenant's enrolled users (a snapshot, in no order), without scanning other tenants. */
    public List<UserRoute> routesOf(String tenantId) {
        Set<String> keys = keysByTenant.get(tenantId);
        if (keys == null) {
            return List.of();
        }
        List<UserRoute> routes = new ArrayList<>(keys.size());
        for (String key : keys) {
            UserRoute route = routesByKey.get(key);
            if (route != null) {
                routes.add(route);
            }
        }
        return routes;
    }

    // ---- writes (the ingest thread only) ----

    /**
     * From now until {@link #compileDeferred}, a change marks the user's route for compilation instead of compiling
     * it, and {@link #apply} reports only removals. The replay brings most users' settings, calendar and published
     * status one after another, so compiling on each would compile every user two or three times, on the one
     * ingest thread; nothing reads routes before the replay ends (lookups answer 503 until then).
     */
    public void deferCompilation() {
        deferred = new LinkedHashMap<>();
    }

    /**
     * Compiles every route marked since {@link #deferCompilation}, on all cores, and compiles each change at once
     * again from then on; returns the keys compiled, in the order their users last changed.
     */
    public Set<String> compileDeferred() {
        if (deferred == null) {
            return Set.of();
        }
        List<String> keys = new ArrayList<>(deferred.values());
        deferred = null;
        // The maps are only read while the routes compile; this thread wrote them before the workers started.
        List<UserRoute> compiled = keys.parallelStream().map(key -> {
            HeldCalendar held = calendars.get(key);
            return route(key, held == null ? null : held.snapshot());
        }).toList();
        Set<String> changed = new LinkedHashSet<>();
        for (UserRoute route : compiled) {
            if (route != null) {
                hold(route);
                changed.add(route.key());
            }
        }
        return changed;
    }

    /** Applies an update; returns the keys whose route changed (or vanished). */
    public Set<String> apply(Update update) {
        Set<String> changed = applied(update);
        calendarsHeld = calendars.size();
        return changed;
    }

    private Set<String> applied(Update update) {
        if (update instanceof Update.UserChanged u) {
            return userChanged(u);
        } else if (update instanceof Update.UserRemoved u) {
            return userRemoved(u.key());
        } else if (update instanceof Update.CalendarChanged c) {
            return calendarChanged(c);
        } else if (update instanceof Update.CalendarRemoved c) {
            return calendars.remove(c.key()) != null ? recompile(c.key()) : Set.of();
        } else if (update instanceof Update.TenantChanged t) {
            return tenantChanged(t);
        } else if (update instanceof Update.TenantRemoved t) {
            forwardPolicies.remove(t.key());
            countries.remove(t.key());
            zones.remove(t.key());
            return tenants.remove(t.key()) != null ? recompileTenant(t.key()) : Set.of();
        } else if (update instanceof Update.OverrideChanged o) {
            return overrideChanged(o);
        } else if (update instanceof Update.OverrideRemoved o) {
            return overrideRemoved(o.key());
        }
        return Set.of();
    }

    /** Whether an override is held for a key that has no user (left over from an un-enrolment). */
    public boolean hasOrphanOverride(String key) {
        return overrides.containsKey(key) && !users.containsKey(key);
    }

    /**
     * Drops calendars and overrides whose user has not appeared within {@code grace} of their arrival (nothing
     * may outlive its user); returns the keys of dropped overrides, so their owner can tombstone them.
     */
    public List<String> purgeOrphans(long nowNanos, long graceNanos) {
        List<String> droppedOverrides = new ArrayList<>();
        orphanSinceNanos.entrySet().removeIf(orphan -> {
            String key = orphan.getKey();
            if (users.containsKey(key)) {
                return true;
            }
            if (nowNanos - orphan.getValue() < graceNanos) {
                return false;
            }
            calendars.remove(key);
            if (overrides.containsKey(key)) {
                droppedOverrides.add(key);
            }
            return true;
        });
        calendarsHeld = calendars.size();
        return droppedOverrides;
    }

    private Set<String> userChanged(Update.UserChanged u) {
        UserRecord held = users.get(u.key());
        if (held != null && held.version() >= u.version()) {
            return Set.of();
        }
        if (unenrolled.contains(u.key())) {
            return Set.of();
        }
        if (held == null) {
            // A calendar that came first is held under its own record's key string: keep one string per user.
            HeldCalendar early = calendars.remove(u.key());
            if (early != null) {
                calendars.put(u.key(), early);
            }
        }
        users.put(u.key(), new UserRecord(u.version(), tenantIds.intern(u.tenantId()), u.userId(), u.login(),
                u.number(), settings.intern(u.settings()),
                u.callerRules().listsNumbers() ? u.callerRules() : callerRules.intern(u.callerRules()), u.displayName(),
                u.announcement()));
        keysByTenant.computeIfAbsent(u.tenantId(), t -> ConcurrentHashMap.newKeySet()).add(u.key());
        if (held != null && held.login() != null) {
            keysByLogin.remove(loginKey(held.tenantId(), held.login()), u.key());
        }
        if (u.login() != null) {
            keysByLogin.put(loginKey(u.tenantId(), u.login()), u.key());
        }
        return recompile(u.key());
    }

    private Set<String> userRemoved(String key) {
        UserRecord held = users.remove(key);
        unenrolled.add(key);
        calendars.remove(key);
        boolean hadOverride = overrides.containsKey(key);
        if (held != null) {
            keysByTenant.computeIfPresent(held.tenantId(), (tenant, members) -> {
                members.remove(key);
                return members.isEmpty() ? null : members;
            });
            if (held.login() != null) {
                keysByLogin.remove(loginKey(held.tenantId(), held.login()), key);
            }
        }
        if (hadOverride) {
            orphanSinceNanos.put(key, System.nanoTime());
        } else {
            overrideVersions.remove(key);
        }
        // A left-over override stays until its owner tombstones it (see hasOrphanOverride).
        UserRoute route = routesByKey.remove(key);
        if (route != null) {
            routesByNumber.remove(route.number(), route);
        }
        return held != null || route != null || hadOverride ? Set.of(key) : Set.of();
    }

    private Set<String> calendarChanged(Update.CalendarChanged c) {
        if (unenrolled.contains(c.key())) {
            return Set.of();
        }
        if (!users.containsKey(c.key())) {
            orphanSinceNanos.putIfAbsent(c.key(), System.nanoTime());
        }
        HeldCalendar held = calendars.get(c.key());
        if (held != null && held.version() >= c.version()) {
            return Set.of();
        }
        CalendarSnapshot calendar = c.calendar();
        if (calendar.syncEnabled() && held != null && held.syncEnabled()) {
            // Not known is not "off": a user away by automatic replies stays away, and working hours stay as they
            // were, until sync reads them again. Opting out forgets both (the opt-out value knows neither).
            calendar = new CalendarSnapshot(calendar.windowStart(), calendar.windowEnd(), true, calendar.items(),
                    c.repliesKnown() ? calendar.awayReplies() : held.awayReplies(),
                    c.workingHoursKnown() ? calendar.workingWeek() : held.workingWeek());
        }
        calendars.put(heldKey(c.key()), new HeldCalendar(c.version(), calendar));
        return recompile(c.key(), calendar);
    }

    private Set<String> overrideChanged(Update.OverrideChanged o) {
        if (!users.containsKey(o.key())) {
            orphanSinceNanos.putIfAbsent(o.key(), System.nanoTime());
        }
        Versioned<ManualOverride> held = overrides.get(o.key());
        if (held != null && held.version() >= o.version()) {
            return Set.of();
        }
        overrides.put(o.key(), new Versioned<>(o.version(), o.override()));
        overrideVersions.merge(o.key(), o.version(), Math::max);
        return recompile(o.key());
    }

    private Set<String> overrideRemoved(String key) {
        if (overrides.remove(key) == null) {
            return Set.of();
        }
        // The version stays known so the next override of this user still gets a higher one.
        return recompile(key);
    }

    private Set<String> tenantChanged(Update.TenantChanged t) {
        TenantRecord held = tenants.get(t.key());
        if (held != null && held.version() >= t.version()) {
            return Set.of();
        }
        tenants.put(t.key(), new TenantRecord(t.version(), t.zone(), t.switchboardNumber(), t.country(), t.meanings()));
        forwardPolicies.put(t.key(), t.forwardPolicy());
        countries.put(t.key(), t.country());
        zones.put(t.key(), t.zone());
        return recompileTenant(t.key());
    }

    private Set<String> recompileTenant(String tenantId) {
        Set<String> changed = new HashSet<>();
        for (String key : keysByTenant.getOrDefault(tenantId, Set.of())) {
            changed.addAll(recompile(key));
        }
        return changed;
    }

    private Set<String> recompile(String updatedKey) {
        HeldCalendar held = calendars.get(updatedKey);
        return recompile(updatedKey, held == null ? null : held.snapshot());
    }

    /**
     * Compiles the user's route from what is held, {@code calendar} being the calendar held (or null); while the
     * replay runs, marks it instead.
     */
    private Set<String> recompile(String updatedKey, CalendarSnapshot calendar) {
        if (!users.containsKey(updatedKey)) {
            return Set.of();
        }
        // The route, the publisher and the timers keep the key they are given: give them the one already held.
        String key = heldKey(updatedKey);
        if (deferred != null) {
            // Removed first, so that the order is that of the last change, as compiling at once would have left it.
            deferred.remove(key);
            deferred.put(key, key);
            return Set.of();
        }
        hold(route(key, calendar));
        return Set.of(key);
    }

    /** The user's route compiled from what is held (read-only: the replay's end runs it on several threads). */
    private UserRoute route(String key, CalendarSnapshot calendar) {
        UserRecord user = users.get(key);
        if (user == null) {
            return null;
        }
        TenantRecord tenant = tenants.get(user.tenantId());
        Versioned<ManualOverride> override = overrides.get(key);
        ZoneId zone = tenant == null ? defaultZone : tenant.zone();
        RoutingInput input = new RoutingInput(user.settings(), override == null ? null : override.value(),
                calendar, zone, tenant == null ? null : tenant.switchboardNumber(),
                tenant == null ? ItemMeanings.NONE : tenant.meanings());
        // Until the tenant's value arrives its language is not known: the default country's, like its zone.
        CallerAnnouncement announcement = user.announcement() ? new CallerAnnouncement(user.displayName(),
                CallerAnnouncement.Language.ofCountry(tenant == null ? Patterns.DEFAULT_COUNTRY : tenant.country()),
                zone) : null;
        return new UserRoute(key, user.tenantId(), user.userId(), user.number(),
                partitioner.applyAsInt(key), engine.plan(input), user.callerRules(), announcement);
    }

    /** Makes {@code route} the one lookups find by its key and its number. */
    private void hold(UserRoute route) {
        UserRoute previous = routesByKey.put(route.key(), route);
        if (previous != null && !previous.number().equals(route.number())) {
            routesByNumber.remove(previous.number(), previous);
        }
        routesByNumber.put(route.number(), route);
    }

    /** The user's key as the table already holds it, when it does: one string per user, not one per topic. */
    private String heldKey(String key) {
        UserRoute route = routesByKey.get(key);
        if (route != null) {
            return route.key();
        }
        return deferred == null ? key : deferred.getOrDefault(key, key);
    }

    private static String loginKey(String tenantId, LinkedLogin login) {
        return tenantId + '\n' + login.issuer() + '\n' + login.subject();
    }
}
