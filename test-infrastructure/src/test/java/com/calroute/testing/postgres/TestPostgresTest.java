package com.calroute.testing.postgres;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Test databases are real PostgreSQL databases, created empty each time. */
class TestPostgresTest {

    @Test
    void freshDatabaseIsEmptyAndWritable() throws Exception {
        String url = TestPostgres.freshDatabase("calroute_infrastructure_test");
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("create table probe (id int primary key, note text)");
            statement.execute("insert into probe values (1, 'written')");
            try (ResultSet rows = statement.executeQuery("select note, version() from probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written");
                assertThat(rows.getString(2)).startsWith("PostgreSQL");
            }
        }

        String again = TestPostgres.freshDatabase("calroute_infrastructure_test");
        try (Connection connection = DriverManager.getConnection(again, TestPostgres.user(), "");
             ResultSet tables = connection.getMetaData().getTables(null, "public", "probe", null)) {
            assertThat(tables.next()).as("re-created database has no leftover tables").isFalse();
        }
    }

    /**
     * Two test runs on one machine never share a database: this JVM's carries its process id, and a database of the
     * same name left by an ended process is dropped, while one of a live process is left alone.
     */
    @Test
    void eachTestJvmHasItsOwnDatabaseAndOnlyEndedRunsLeftoversAreDropped() throws Exception {
        String admin = TestPostgres.freshDatabase("calroute_isolation_test").replaceAll("/[^/]+$", "/postgres");
        long dead = deadPid();
        long alive = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        try (Connection connection = DriverManager.getConnection(admin, TestPostgres.user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS calroute_isolation_test_" + dead);
            statement.execute("DROP DATABASE IF EXISTS calroute_isolation_test_" + alive);
            statement.execute("CREATE DATABASE calroute_isolation_test_" + dead);
            statement.execute("CREATE DATABASE calroute_isolation_test_" + alive);
        }
        String url = TestPostgres.freshDatabase("calroute_isolation_test");
        assertThat(url).endsWith("/calroute_isolation_test_" + ProcessHandle.current().pid());
        try (Connection connection = DriverManager.getConnection(admin, TestPostgres.user(), "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'calroute_isolation_test%'")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            assertThat(names).contains("calroute_isolation_test_" + alive, "calroute_isolation_test_" + ProcessHandle.current().pid())
                    .doesNotContain("calroute_isolation_test_" + dead);
            statement.execute("DROP DATABASE calroute_isolation_test_" + alive);
        }
    }

    /** A process id no process has now. */
    private static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
