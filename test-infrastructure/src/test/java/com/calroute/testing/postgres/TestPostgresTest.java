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
}
