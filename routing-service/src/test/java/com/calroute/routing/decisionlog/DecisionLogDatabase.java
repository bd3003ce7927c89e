package com.calroute.routing.decisionlog;

import com.calroute.testing.postgres.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The decision log's tests' own database: routing's migrations, a connection, a decision of tenant acme's. */
final class DecisionLogDatabase {

    private DecisionLogDatabase() {
    }

    /** Routing's migrations against {@code url}, to be targeted or run whole. */
    static FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, TestPostgres.user(), "").locations("classpath:db/migration");
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.user(), "");
    }

    /** A decision of {@code user} in tenant acme at {@code at}, with only the columns that must be given. */
    static void insert(Connection c, Instant at, String user) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO route_decisions (decided_at, tenant_id, user_id,"
                + " number, caller_masked, state, action, reason_source) VALUES (?, 'acme', ?, '+4791230000', '…000',"
                + " 'BUSY', 'VOICEMAIL', 'CALENDAR')")) {
            insert.setTimestamp(1, Timestamp.from(at));
            insert.setString(2, user);
            insert.executeUpdate();
        }
    }
}
