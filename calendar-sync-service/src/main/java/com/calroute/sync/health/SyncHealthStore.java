package com.calroute.sync.health;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sync_health} and {@code resync_request} tables in PostgreSQL ({@code calroute_sync}), shared by every
 * replica. Plain JDBC: each write is one upsert statement, so no transaction spans an Exchange call.
 */
@ApplicationScoped
public class SyncHealthStore {

    private final AgroalDataSource dataSource;
    private final Clock clock;

    @Inject
    public SyncHealthStore(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A user enrolled with sync on, waiting for the first read. */
    public record Enrolled(String tenantId, String userId) {
    }

    /** The users are enrolled with sync on and wait for their first read (each keeps an earlier success/error). */
    public void pending(List<Enrolled> users) {
        if (users.isEmpty()) {
            return;
        }
        Timestamp now = now();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO sync_health (tenant_id, user_id, state, updated_at) VALUES (?, ?, 'PENDING', ?)
                     ON CONFLICT (tenant_id, user_id) DO UPDATE SET
                       state = CASE WHEN sync_health.state = 'OFF' THEN 'PENDING' ELSE sync_health.state END,
                       updated_at = EXCLUDED.updated_at
                     """)) {
            for (Enrolled user : users) {
                statement.setString(1, user.tenantId());
                statement.setString(2, user.userId());
                statement.setTimestamp(3, now);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
    }

    /** A read succeeded at {@code at}. */
    public void succeeded(String tenantId, String userId, Instant at) {
        update("""
                INSERT INTO sync_health (tenant_id, user_id, state, last_success_at, updated_at) VALUES (?, ?, 'OK', ?, ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET state = 'OK',
                  last_success_at = EXCLUDED.last_success_at, updated_at = EXCLUDED.updated_at
                """, tenantId, userId, Timestamp.from(at), now());
    }

    /** A read failed; {@code message} is plain words without secrets or subjects. */
    public void failed(String tenantId, String userId, String kind, String message) {
        Timestamp now = now();
        update("""
                INSERT INTO sync_health (tenant_id, user_id, state, last_error, last_error_kind, last_error_at, updated_at)
                VALUES (?, ?, 'ERROR', ?, ?, ?, ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET state = 'ERROR', last_error = EXCLUDED.last_error,
                  last_error_kind = EXCLUDED.last_error_kind, last_error_at = EXCLUDED.last_error_at,
                  updated_at = EXCLUDED.updated_at
                """, tenantId, userId, message, kind, now, now);
    }

    /** The user turned sync off. */
    public void off(String tenantId, String userId) {
        update("""
                INSERT INTO sync_health (tenant_id, user_id, state, updated_at) VALUES (?, ?, 'OFF', ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET state = 'OFF', notifications_lagging_since = NULL,
                  updated_at = EXCLUDED.updated_at
                """, tenantId, userId, now());
    }

    /**
     * Records whether each user's change notifications arrive: lagging since a moment (an earlier start is kept), or
     * live (cleared). Users without a health entry, or with sync off, are left alone.
     */
    public void notifications(List<NotificationHealth.Report> reports) {
        if (reports.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_health SET notifications_lagging_since =
                       CASE WHEN ?::timestamptz IS NULL THEN NULL
                            ELSE COALESCE(notifications_lagging_since, ?::timestamptz) END
                     WHERE tenant_id = ? AND user_id = ? AND state <> 'OFF'""")) {
            for (NotificationHealth.Report report : reports) {
                Timestamp since = report.laggingSince() == null ? null : Timestamp.from(report.laggingSince());
                statement.setTimestamp(1, since);
                statement.setTimestamp(2, since);
                statement.setString(3, report.tenantId());
                statement.setString(4, report.userId());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
    }

    /** The user was un-enrolled: nothing about them outlives them. */
    public void delete(String tenantId, String userId) {
        update("DELETE FROM sync_health WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
        update("DELETE FROM resync_request WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
    }

    /** One page of a tenant's users, ordered by user id. */
    public List<UserHealth> page(String tenantId, int page, int size) {
        return page(tenantId, HealthFilter.ALL, page, size);
    }

    /** One page of the tenant's users that {@code filter} selects, ordered by user id. */
    public List<UserHealth> page(String tenantId, HealthFilter filter, int page, int size) {
        List<UserHealth> users = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenantId);
        String where = filter.sql(parameters);
        parameters.add(size);
        parameters.add((long) page * size);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT user_id, state, last_success_at, last_error, last_error_kind, last_error_at,
                       notifications_lagging_since
                     FROM sync_health WHERE tenant_id = ?""" + where + " ORDER BY user_id LIMIT ? OFFSET ?")) {
            bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    users.add(new UserHealth(rows.getString(1), SyncState.valueOf(rows.getString(2)),
                            instant(rows.getTimestamp(3)), rows.getString(4), rows.getString(5),
                            instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7))));
                }
            }
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
        return users;
    }

    /** One user's health, or null. */
    public UserHealth user(String tenantId, String userId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT user_id, state, last_success_at, last_error, last_error_kind, last_error_at,
                       notifications_lagging_since
                     FROM sync_health WHERE tenant_id = ? AND user_id = ?""")) {
            statement.setString(1, tenantId);
            statement.setString(2, userId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new UserHealth(rows.getString(1), SyncState.valueOf(rows.getString(2)),
                        instant(rows.getTimestamp(3)), rows.getString(4), rows.getString(5),
                        instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7))) : null;
            }
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
    }

    /** How many users of the tenant have a health entry. */
    public long count(String tenantId) {
        return count(tenantId, HealthFilter.ALL);
    }

    /** How many users of the tenant {@code filter} selects. */
    public long count(String tenantId, HealthFilter filter) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenantId);
        String where = filter.sql(parameters);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM sync_health WHERE tenant_id = ?" + where)) {
            bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
    }

    /**
     * The tenant's users by where their sync stands, and its latest successful read; how many users' change
     * notifications are lagging (polled while Exchange's stream is down or refused), and since when at the earliest.
     */
    public record Summary(long syncing, long failing, long pending, long off, Instant lastSuccess,
                          long notificationsLagging, Instant notificationsLaggingSince) {
    }

    /**
     * Counts the tenant's users by state. A user counts as failing only while their last error is newer than their
     * last success: one good read after a fault is recovery, whatever an older error says.
     */
    public Summary summary(String tenantId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT
                       count(*) FILTER (WHERE """ + HealthFilter.FAILING_SQL + """
                       ),
                       count(*) FILTER (WHERE state = 'PENDING'),
                       count(*) FILTER (WHERE state = 'OFF'),
                       count(*),
                       max(last_success_at),
                       count(notifications_lagging_since),
                       min(notifications_lagging_since)
                     FROM sync_health WHERE tenant_id = ?""")) {
            statement.setString(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long failing = rows.getLong(1);
                long pending = rows.getLong(2);
                long off = rows.getLong(3);
                long syncing = rows.getLong(4) - failing - pending - off;
                return new Summary(syncing, failing, pending, off, instant(rows.getTimestamp(5)), rows.getLong(6),
                        instant(rows.getTimestamp(7)));
            }
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
    }

    /** True when the user has a health entry (is known to sync). */
    public boolean exists(String tenantId, String userId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT 1 FROM sync_health WHERE tenant_id = ? AND user_id = ?")) {
            statement.setString(1, tenantId);
            statement.setString(2, userId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
    }

    /** Records a resync request for the owning replica to pick up. */
    public void requestResync(String tenantId, String userId) {
        update("""
                INSERT INTO resync_request (tenant_id, user_id, requested_at) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET requested_at = EXCLUDED.requested_at
                """, tenantId, userId, now());
    }

    /** All pending resync requests as {@code tenantId/userId} keys. */
    public List<String[]> pendingResyncs() {
        List<String[]> requests = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT tenant_id, user_id FROM resync_request ORDER BY requested_at LIMIT 1000");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                requests.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
        return requests;
    }

    /** Removes a handled resync request. */
    public void resyncTaken(String tenantId, String userId) {
        update("DELETE FROM resync_request WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
    }

    private static void bind(Connection connection, PreparedStatement statement, List<Object> parameters)
            throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof String[] texts) {
                statement.setArray(i + 1, connection.createArrayOf("text", texts));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new HealthStoreException(e);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The health database could not be reached or refused a statement. */
    public static class HealthStoreException extends RuntimeException {
        HealthStoreException(SQLException cause) {
            super("sync health database: " + cause.getMessage(), cause);
        }
    }
}
