package com.calroute.routing.decisionlog;

import com.calroute.routing.decisions.Decision;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision log in routing's PostgreSQL database (plain JDBC). The schema is migrated on first use rather than at
 * start: routing must start and answer lookups while PostgreSQL is away, so only the log waits for the database.
 */
@ApplicationScoped
public class JdbcDecisionStore {

    private static final String COLUMNS = "decided_at, tenant_id, user_id, number, caller_masked, state, action, target,"
            + " reason_source, reason_busy_type, reason_from, reason_until, ring_through, forward_loop,"
            + " reason_subject_code, reason_category, reason_show_only";
    /** Counted off the list, so a column added there changes the count the rows declare. */
    private static final int COLUMN_COUNT = COLUMNS.split(",").length;
    /** About what one row takes in the binary format (a lookup's decision with a caller and a reason). */
    private static final int ROW_BYTES = 200;
    /**
     * A user's decisions since a time, newest first: through the index by the user id's hash (V4), whose expression
     * this must repeat for PostgreSQL to use it, then the ids themselves (users whose ids hash alike share entries).
     */
    static final String RECENT = "SELECT " + COLUMNS + " FROM route_decisions"
            + " WHERE hashtextextended(user_id, 0) = hashtextextended(?, 0) AND tenant_id = ? AND user_id = ?"
            + " AND decided_at >= ? ORDER BY decided_at DESC, id DESC LIMIT ?";
    /** PostgreSQL's check_violation, which is also what a row finding no partition raises. */
    private static final String NO_PARTITION = "23514";

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final DayPartitions partitions = new DayPartitions();
    private volatile boolean migrated;

    JdbcDecisionStore(AgroalDataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    /** Who read a user's decisions on their tenant admin's behalf, and why. */
    public record Access(String issuer, String subject, String reason, Instant at) {
    }

    /**
     * Stores a batch with one binary {@code COPY}: all or nothing, one round trip, and far less work for PostgreSQL
     * than as many INSERTs. The writer appends thousands of rows a second on the same two cores that answer lookups, so
     * the cheapest way in is what keeps the lookups' tail where the bare endpoint's is.
     */
    public void store(List<Decision> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        migrated();
        CopyBinary rows = new CopyBinary(batch.size() * ROW_BYTES);
        Instant first = batch.get(0).at();
        Instant last = first;
        for (Decision d : batch) {
            rows.row(COLUMN_COUNT).timestamp(d.at()).text(d.tenantId()).text(d.userId()).text(d.number())
                    .text(d.caller()).text(d.state()).text(d.action()).text(d.target()).text(d.source())
                    .text(d.busyType()).timestamp(d.from()).timestamp(d.until()).text(d.ringThrough())
                    .bool(d.forwardLoop()).text(d.subjectCode()).text(d.category()).bool(d.showOnly());
            first = d.at().isBefore(first) ? d.at() : first;
            last = d.at().isAfter(last) ? d.at() : last;
        }
        InputStream copy = rows.finish();
        try (Connection c = dataSource.getConnection()) {
            try {
                copyIn(c, copy, first, last);
            } catch (SQLException e) {
                if (!NO_PARTITION.equals(e.getSQLState())) {
                    throw e;
                }
                // A day another replica's retention dropped under this one (only a decision older than the
                // retention can meet that): its partition is made again, once.
                partitions.forget();
                copy.reset();
                copyIn(c, copy, first, last);
            }
        } catch (IOException e) {
            partitions.forget();
            throw new SQLException("the decision batch could not be sent", e);
        } catch (SQLException e) {
            partitions.forget();
            throw e;
        }
    }

    private void copyIn(Connection c, InputStream copy, Instant first, Instant last) throws SQLException, IOException {
        partitions.ensure(c, first, last);
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY route_decisions (" + COLUMNS + ") FROM STDIN WITH (FORMAT binary)", copy);
    }

    /** A user's decisions at or after {@code since}, newest first, at most {@code limit}. */
    public List<Decision> recent(String tenantId, String userId, Instant since, int limit) throws SQLException {
        migrated();
        try (Connection c = dataSource.getConnection()) {
            return select(c, tenantId, userId, since, limit);
        }
    }

    /**
     * A user's decisions for their tenant admin: the access is recorded in the audit first, in the same transaction,
     * so nothing is read that is not audited.
     */
    public List<Decision> recentAudited(String tenantId, String userId, Instant since, int limit, Access access)
            throws SQLException {
        migrated();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement audit = c.prepareStatement("INSERT INTO route_decision_access (accessed_at,"
                    + " tenant_id, user_id, accessor_issuer, accessor_subject, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
                audit.setTimestamp(1, Timestamp.from(access.at()));
                audit.setString(2, tenantId);
                audit.setString(3, userId);
                audit.setString(4, access.issuer());
                audit.setString(5, access.subject());
                audit.setString(6, access.reason());
                audit.executeUpdate();
                List<Decision> decisions = select(c, tenantId, userId, since, limit);
                c.commit();
                return decisions;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The audit of who read this user's decisions, newest first. */
    public List<Access> accesses(String tenantId, String userId) throws SQLException {
        migrated();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT accessor_issuer, accessor_subject, reason, accessed_at"
                     + " FROM route_decision_access WHERE tenant_id = ? AND user_id = ? ORDER BY accessed_at DESC, id DESC")) {
            q.setString(1, tenantId);
            q.setString(2, userId);
            List<Access> accesses = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    accesses.add(new Access(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant()));
                }
            }
            return accesses;
        }
    }

    /**
     * Drops the days whose decisions are all older than {@code before} (a whole day at a time: a decision is kept
     * until the end of its UTC day has passed the retention) and creates the partitions of the day {@code now} falls
     * in and the next, so that the writer rarely waits for one. Answers the partitions dropped.
     */
    public List<String> rotate(Instant before, Instant now) throws SQLException {
        migrated();
        try (Connection c = dataSource.getConnection()) {
            partitions.ensure(c, now, now.plus(Duration.ofDays(1)));
            return partitions.dropOlderThan(c, before);
        }
    }

    static List<Decision> select(Connection c, String tenantId, String userId, Instant since, int limit)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement(RECENT)) {
            q.setString(1, userId);
            q.setString(2, tenantId);
            q.setString(3, userId);
            q.setTimestamp(4, Timestamp.from(since));
            q.setInt(5, limit);
            List<Decision> decisions = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    decisions.add(new Decision(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            r.getString(9), r.getString(10), instant(r.getTimestamp(11)), instant(r.getTimestamp(12)),
                            r.getString(13), r.getBoolean(14), r.getString(15), r.getString(16), r.getBoolean(17)));
                }
            }
            return decisions;
        }
    }

    /** Migrates the schema once per process, on the first use that finds PostgreSQL up (Flyway locks across replicas). */
    private void migrated() {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    flyway.migrate();
                    migrated = true;
                }
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
