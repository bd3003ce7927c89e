package com.calroute.sync.graph;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** {@link SubscriptionDirectory} in the sync database ({@code graph_subscription}). */
@ApplicationScoped
public class JdbcSubscriptionDirectory implements SubscriptionDirectory {
    private static final Logger LOG = Logger.getLogger(JdbcSubscriptionDirectory.class);
    private final AgroalDataSource dataSource;

    @Inject
    public JdbcSubscriptionDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(String subscriptionId, Row row, Instant expires) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO graph_subscription (subscription_id, tenant_id, mailbox, user_id, client_state_hash,
                         expires_at) VALUES (?, ?, ?, ?, ?, ?)
                     ON CONFLICT (subscription_id) DO UPDATE SET expires_at = EXCLUDED.expires_at""")) {
            statement.setString(1, subscriptionId);
            statement.setString(2, row.tenantId());
            statement.setString(3, row.mailbox());
            statement.setString(4, row.userId());
            statement.setString(5, row.clientStateHash());
            statement.setTimestamp(6, Timestamp.from(expires));
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("tenant %s: Graph subscription not recorded (%s); only this replica can act on it",
                    row.tenantId(), e.getClass().getSimpleName());
        }
    }

    @Override
    public void delete(String subscriptionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM graph_subscription WHERE subscription_id = ? OR expires_at < now()")) {
            statement.setString(1, subscriptionId);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("Graph subscription row not deleted (%s)", e.getClass().getSimpleName());
        }
    }

    @Override
    public Row find(String subscriptionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT tenant_id, mailbox, user_id, client_state_hash FROM graph_subscription
                     WHERE subscription_id = ? AND expires_at > now()""")) {
            statement.setString(1, subscriptionId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4))
                        : null;
            }
        } catch (SQLException e) {
            throw new LookupFailed(e);
        }
    }
}
