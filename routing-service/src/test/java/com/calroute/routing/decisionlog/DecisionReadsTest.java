package com.calroute.routing.decisionlog;

import com.calroute.routing.decisions.Decision;
import com.calroute.testing.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static com.calroute.routing.decisionlog.DecisionLogDatabase.connect;
import static com.calroute.routing.decisionlog.DecisionLogDatabase.flyway;
import static com.calroute.routing.decisionlog.DecisionLogDatabase.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * How a user's decisions are read on real PostgreSQL: through the index by the user id's hash in every partition (an
 * upgraded database's earlier decisions too), never by reading a whole day, and only that user's.
 */
class DecisionReadsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void aUsersDecisionsAreReadThroughTheUserIndexInEveryPartitionAndNoOneElsesAre() throws Exception {
        String url = TestPostgres.freshDatabase("calroute_routing_decision_reads");
        flyway(url).target("2").load().migrate();
        try (Connection c = connect(url)) {
            Instant earlier = NOW.minus(Duration.ofDays(2));
            insert(c, earlier, "anne");
            insert(c, earlier, "bjørn");
            flyway(url).load().migrate();
            // Past the legacy partition's end (the UTC midnight after the migration, which may come after NOW's): a
            // day's partition of its own.
            Instant later = NOW.plus(Duration.ofDays(2));
            new DayPartitions().ensure(c, later, later);
            insert(c, later, "anne");
            insert(c, later, "bjørn");
            assertThat(DayPartitions.partitions(c)).hasSize(2).contains(DayPartitions.LEGACY);

            assertThat(JdbcDecisionStore.select(c, "acme", "anne", Instant.EPOCH, 200))
                    .extracting(Decision::userId, Decision::at)
                    .containsExactly(tuple("anne", later),
                            tuple("anne", earlier));

            // Whatever the planner would pick for two rows a partition: what it can do with the index is the point.
            try (Statement s = c.createStatement()) {
                s.execute("SET enable_seqscan = off");
            }
            String plan = plan(c, "anne");
            assertThat(plan).doesNotContain("Seq Scan");
            assertThat(plan.split("Index Cond: \\(\\(hashtextextended\\(user_id", -1))
                    .as("the hash of the user id looked up in both partitions' index:%n%s", plan).hasSize(3);
        }
    }

    private static String plan(Connection c, String user) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + JdbcDecisionStore.RECENT)) {
            explain.setString(1, user);
            explain.setString(2, "acme");
            explain.setString(3, user);
            explain.setTimestamp(4, Timestamp.from(Instant.EPOCH));
            explain.setInt(5, 200);
            List<String> lines = new ArrayList<>();
            try (ResultSet r = explain.executeQuery()) {
                while (r.next()) {
                    lines.add(r.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
