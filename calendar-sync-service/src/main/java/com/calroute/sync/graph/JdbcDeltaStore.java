package com.calroute.sync.graph;

import com.calroute.sync.plan.RawItem;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delta state in the sync database ({@code graph_delta_state}), so delta tokens survive restarts and move with a
 * mailbox to another replica. A state that cannot be read is treated as absent (a full round follows).
 */
@ApplicationScoped
public class JdbcDeltaStore implements DeltaStore {
    private static final Logger LOG = Logger.getLogger(JdbcDeltaStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private final AgroalDataSource dataSource;
    private final Clock clock;

    @Inject
    public JdbcDeltaStore(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public State load(String tenantId, String mailbox) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT window_start, window_end, with_subjects, connection_version, delta_link, items, code_book
                     FROM graph_delta_state WHERE tenant_id = ? AND mailbox = ?""")) {
            statement.setString(1, tenantId);
            statement.setString(2, mailbox);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                List<RawItem> items = JSON.readValue(rows.getString(6), new TypeReference<>() { });
                Map<String, RawItem> byId = new LinkedHashMap<>();
                items.forEach(item -> byId.put(item.itemId(), item));
                return new State(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant(), rows.getBoolean(3),
                        rows.getLong(4), rows.getString(5), byId, rows.getString(7));
            }
        } catch (SQLException | IOException e) {
            LOG.warnf("tenant %s: Graph delta state unreadable (%s); starting a full round", tenantId,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    @Override
    public void save(String tenantId, String mailbox, State state) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO graph_delta_state (tenant_id, mailbox, window_start, window_end, with_subjects,
                         connection_version, delta_link, items, updated_at, code_book)
                     VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB), ?, ?)
                     ON CONFLICT (tenant_id, mailbox) DO UPDATE SET window_start = EXCLUDED.window_start,
                         window_end = EXCLUDED.window_end, with_subjects = EXCLUDED.with_subjects,
                         connection_version = EXCLUDED.connection_version, delta_link = EXCLUDED.delta_link,
                         items = EXCLUDED.items, updated_at = EXCLUDED.updated_at,
                         code_book = EXCLUDED.code_book""")) {
            statement.setString(1, tenantId);
            statement.setString(2, mailbox);
            statement.setTimestamp(3, Timestamp.from(state.windowStart()));
            statement.setTimestamp(4, Timestamp.from(state.windowEnd()));
            statement.setBoolean(5, state.withSubjects());
            statement.setLong(6, state.connectionVersion());
            statement.setString(7, state.deltaLink());
            statement.setString(8, JSON.writeValueAsString(List.copyOf(state.items().values())));
            statement.setTimestamp(9, Timestamp.from(clock.instant()));
            statement.setString(10, state.codeBook());
            statement.executeUpdate();
        } catch (SQLException | IOException e) {
            // Not fatal: the next read starts a full round.
            LOG.warnf("tenant %s: Graph delta state not saved (%s)", tenantId, e.getClass().getSimpleName());
        }
    }

    @Override
    public void forget(String tenantId, String mailbox) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM graph_delta_state WHERE tenant_id = ? AND mailbox = ?")) {
            statement.setString(1, tenantId);
            statement.setString(2, mailbox);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("tenant %s: Graph delta state not deleted (%s)", tenantId, e.getClass().getSimpleName());
        }
    }
}
