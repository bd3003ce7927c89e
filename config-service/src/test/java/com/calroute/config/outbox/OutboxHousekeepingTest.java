package com.calroute.config.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The scheduled housekeeping deletes sent records past their retention, and nothing else. */
@QuarkusTest
@TestProfile(OutboxHousekeepingTest.EverySecond.class)
class OutboxHousekeepingTest {

    /** Housekeeping every second, sent records kept for an hour. */
    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("calroute.outbox.housekeeping-interval", "PT1S", "calroute.outbox.retention", "PT1H");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sentRecordsPastTheirRetentionArePurgedAndTheRestKept() throws Exception {
        String marker = "housekeeping-" + UUID.randomUUID();
        insert(marker + "-sent-2h-ago", "now() - interval '3 hours'", "now() - interval '2 hours'");
        insert(marker + "-sent-10min-ago", "now() - interval '3 hours'", "now() - interval '10 minutes'");

        await().atMost(Duration.ofSeconds(20)).until(() -> !exists(marker + "-sent-2h-ago"));

        assertThat(exists(marker + "-sent-10min-ago")).isTrue();
        delete(marker);
    }

    private void insert(String key, String createdAt, String sentAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into outbox_record"
                     + " (topic, message_key, payload, created_at, sent_at) values ('housekeeping.test', ?, '{}', "
                     + createdAt + ", " + sentAt + ")")) {
            insert.setString(1, key);
            insert.executeUpdate();
        }
    }

    private boolean exists(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from outbox_record where message_key = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private void delete(String marker) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from outbox_record where message_key like ?")) {
            delete.setString(1, marker + "%");
            delete.executeUpdate();
        }
    }
}
