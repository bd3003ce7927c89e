package com.calroute.config.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The housekeeping deletes sent records past their retention, and nothing else; the scheduler runs it every
 * housekeeping interval. Called directly here: a profile with a one-second interval would restart Quarkus twice.
 */
@QuarkusTest
class OutboxHousekeepingTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelayService relayService;

    @Inject
    Scheduler scheduler;

    @Test
    void sentRecordsPastTheirRetentionArePurgedAndTheRestKept() throws Exception {
        // The module's retention is the default, 7 days.
        String marker = "housekeeping-" + UUID.randomUUID();
        insert(marker + "-sent-8d-ago", "now() - interval '9 days'", "now() - interval '8 days'");
        insert(marker + "-sent-6d-ago", "now() - interval '9 days'", "now() - interval '6 days'");

        relayService.housekeeping();

        assertThat(exists(marker + "-sent-8d-ago")).isFalse();
        assertThat(exists(marker + "-sent-6d-ago")).isTrue();
        delete(marker);
    }

    @Test
    void theSchedulerRunsItEveryHousekeepingInterval() {
        Trigger job = scheduler.getScheduledJobs().stream()
                .filter(trigger -> trigger.getMethodDescription().endsWith("OutboxRelayService#housekeeping"))
                .findFirst().orElseThrow();

        // At start and every 10 minutes after: the next run is never further away than that.
        Instant now = Instant.now();
        assertThat(job.getNextFireTime()).isBetween(now.minusSeconds(5), now.plus(Duration.ofMinutes(10)).plusSeconds(5));
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
