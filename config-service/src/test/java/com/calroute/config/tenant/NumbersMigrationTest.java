package com.calroute.config.tenant;

import com.calroute.testing.postgres.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V2 on a database holding V1 data: every tenant keeps its switchboard and its users' numbers as its own, nothing is
 * lost, and from then on the database itself refuses a number for two tenants.
 */
class NumbersMigrationTest {

    @Test
    void existingTenantsGetTheirSwitchboardAndUsersNumbersAndTheDatabaseRefusesOverlaps() throws SQLException {
        String url = TestPostgres.freshDatabase("calroute_config_migration_test");
        flyway(url, "1").migrate();
        try (Connection db = DriverManager.getConnection(url, TestPostgres.user(), "");
             Statement sql = db.createStatement()) {
            sql.execute(tenant("acme", "+4722000000"));
            sql.execute(tenant("beta", "+4733000000"));
            // Nothing stopped two tenants sharing a switchboard before V2; one also used another's user's number.
            sql.execute(tenant("gamma", "+4733000000"));
            sql.execute(tenant("delta", "+4791000002"));
            sql.execute(user("acme", "kari@acme.no", "+4791000001"));
            sql.execute(user("acme", "ola@acme.no", "+4722000000"));
            sql.execute(user("beta", "per@beta.no", "+4791000002"));

            flyway(url, null).migrate();

            assertThat(ranges(sql, "acme")).containsExactly("+4722000000-+4722000000", "+4791000001-+4791000001");
            assertThat(ranges(sql, "beta")).containsExactly("+4733000000-+4733000000", "+4791000002-+4791000002");
            // The first claim wins; the later claimant keeps its data and the operator resolves it.
            assertThat(ranges(sql, "gamma")).isEmpty();
            assertThat(ranges(sql, "delta")).isEmpty();
            assertThat(count(sql, "select count(*) from tenant")).isEqualTo(4);
            assertThat(count(sql, "select count(*) from enrolled_user")).isEqualTo(3);
            assertThat(count(sql, "select count(*) from enrolled_user where login_issuer is null"
                    + " and login_subject is null and login_linked_at is null"))
                    .as("V3: existing enrolments start unlinked, claimed at their employee's next sign-in").isEqualTo(3);

            assertThatThrownBy(() -> sql.execute("insert into tenant_number_range (tenant_id, first_number, last_number)"
                    + " values ('gamma', '+4791000000', '+4791000009')"))
                    .hasMessageContaining("tenant_number_range_no_overlap");
            assertThatThrownBy(() -> sql.execute("insert into tenant_number_range (tenant_id, first_number, last_number)"
                    + " values ('gamma', '+479100000', '+4791000009')"))
                    .hasMessageContaining("tenant_number_range_same_length");
            sql.execute("insert into tenant_number_range (tenant_id, first_number, last_number)"
                    + " values ('gamma', '+4791000010', '+4791000099')");
            assertThat(ranges(sql, "gamma")).containsExactly("+4791000010-+4791000099");
            assertThat(count(sql, "select count(*) from retired_tenant_id")).isZero();
        }
    }

    private static Flyway flyway(String url, String target) {
        var configuration = Flyway.configure().dataSource(url, TestPostgres.user(), "").locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static String tenant(String id, String switchboard) {
        return "insert into tenant (id, name, switchboard_number, time_zone, subject_sharing, version, created_at, updated_at)"
                + " values ('" + id + "', '" + id + "', '" + switchboard + "', 'Europe/Oslo', false, 1, now(), now())";
    }

    private static String user(String tenant, String email, String mobile) {
        return "insert into enrolled_user (id, tenant_id, email, mobile_number, sync_enabled, status_settings, version,"
                + " created_at, updated_at) values (gen_random_uuid(), '" + tenant + "', '" + email + "', '" + mobile
                + "', false, '{}', 1, now(), now())";
    }

    private static List<String> ranges(Statement sql, String tenant) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("select first_number, last_number from tenant_number_range where tenant_id = '"
                + tenant + "' order by first_number")) {
            while (rows.next()) {
                found.add(rows.getString(1) + "-" + rows.getString(2));
            }
        }
        return found;
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
