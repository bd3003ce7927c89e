package com.calroute.routing.decisionlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision log's partitions, one per UTC day ({@code route_decisions_20261207}), plus the one an earlier version's
 * rows were kept in ({@code route_decisions_legacy}, see migration V3). A day's partition is created before the first
 * decision of that day is written and dropped whole once all of it has passed the retention: deleting rows one by one
 * could not keep up with a replica writing millions an hour.
 */
final class DayPartitions {

    static final String LEGACY = "route_decisions_legacy";
    private static final String PREFIX = "route_decisions_";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** PostgreSQL's invalid_object_definition: the day lies within the legacy partition, which already holds it. */
    private static final String OVERLAPS = "42P17";
    /** Serialises the replicas' creating of partitions (the key is arbitrary, fixed, and only used here). */
    private static final long CREATE_LOCK = 0x7264_6179_7061_7274L;

    /** Days known to have a partition, so that a batch pays for the check once a day, not once per flush. */
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    /** Makes sure every day from {@code first} to {@code last} (UTC) has a partition. */
    void ensure(Connection c, Instant first, Instant last) throws SQLException {
        LocalDate lastDay = day(last);
        for (LocalDate day = day(first); !day.isAfter(lastDay); day = day.plusDays(1)) {
            if (!known.contains(day)) {
                create(c, day);
                known.add(day);
            }
        }
    }

    /** Forgets what it knew: after a failed write a partition may have gone (dropped by hand, a restored database). */
    void forget() {
        known.clear();
    }

    /**
     * Drops the partitions all of whose decisions are older than {@code before}; answers the names dropped. A drop waits
     * at most a second for a reader to finish (the writer queues behind it, and the lookups' queue holds a few seconds),
     * then fails the run, to be tried again at the next.
     */
    List<String> dropOlderThan(Connection c, Instant before) throws SQLException {
        List<String> dropped = new ArrayList<>();
        for (String name : partitions(c)) {
            if (expired(c, name, before)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '1s'");
                    // Another replica's retention job may have dropped it since the list was read.
                    s.execute("DROP TABLE IF EXISTS " + name);
                    c.commit();
                    dropped.add(name);
                    LocalDate day = dayOf(name);
                    if (day != null) {
                        known.remove(day);
                    }
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
        return dropped;
    }

    private void create(Connection c, LocalDate day) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
            String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            s.execute("CREATE TABLE IF NOT EXISTS " + PREFIX + DAY.format(day) + " PARTITION OF route_decisions"
                    + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (!OVERLAPS.equals(e.getSQLState())) {
                throw e;
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The decision log's partitions by name. */
    static List<String> partitions(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                     + " WHERE i.inhparent = 'route_decisions'::regclass ORDER BY c.relname")) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        }
    }

    /** A day's partition by its name; the legacy one by its newest decision (it keeps its index by time). */
    private static boolean expired(Connection c, String name, Instant before) throws SQLException {
        LocalDate day = dayOf(name);
        if (day != null) {
            return !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(before);
        }
        if (!LEGACY.equals(name)) {
            return false;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM " + LEGACY
                + " WHERE decided_at >= ?)")) {
            q.setTimestamp(1, Timestamp.from(before));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** The day a partition's name stands for, or null for any other table. */
    private static LocalDate dayOf(String name) {
        String digits = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : "";
        if (digits.length() != 8 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return LocalDate.parse(digits, DAY);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
