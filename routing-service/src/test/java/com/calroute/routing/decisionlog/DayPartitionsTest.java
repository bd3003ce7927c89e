package com.calroute.routing.decisionlog;

import com.calroute.testing.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.calroute.routing.decisionlog.DecisionLogDatabase.connect;
import static com.calroute.routing.decisionlog.DecisionLogDatabase.flyway;
import static com.calroute.routing.decisionlog.DecisionLogDatabase.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decision log's days on real PostgreSQL: migrating an earlier version's table keeps its decisions readable, a
 * day's partition exists before its first decision (however many replicas race to create it), and retention drops
 * whole days, only once all of a day has passed it — a cost that does not grow with the decisions a day holds.
 */
class DayPartitionsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void anEarlierVersionsDecisionsStayReadableAfterTheMigrationAndAreDroppedWholeOnceTheNewestHasPassed()
            throws Exception {
        String url = TestPostgres.freshDatabase("calroute_routing_partitions_migration");
        flyway(url).target("2").load().migrate();
        try (Connection c = connect(url)) {
            insert(c, NOW.minus(Duration.ofDays(40)), "anne");
            insert(c, NOW.minus(Duration.ofHours(1)), "anne");

            flyway(url).load().migrate();

            assertThat(decidedAt(c, "anne")).containsExactly(NOW.minus(Duration.ofHours(1)),
                    NOW.minus(Duration.ofDays(40)));
            assertThat(DayPartitions.partitions(c)).containsExactly(DayPartitions.LEGACY);
            // Today is the legacy partition's: the writer's check finds it covered and writes there.
            DayPartitions days = new DayPartitions();
            days.ensure(c, NOW, NOW);
            insert(c, NOW, "anne");
            assertThat(DayPartitions.partitions(c)).containsExactly(DayPartitions.LEGACY);

            assertThat(days.dropOlderThan(c, NOW.minus(Duration.ofDays(30)))).isEmpty();
            assertThat(days.dropOlderThan(c, NOW.plusNanos(1000))).containsExactly(DayPartitions.LEGACY);
            assertThat(decidedAt(c, "anne")).isEmpty();
        }
    }

    @Test
    void aDaysPartitionIsThereBeforeItsFirstDecisionAndIsDroppedOnlyOnceTheWholeDayHasPassed() throws Exception {
        try (Connection c = connect(migratedDatabase("calroute_routing_partitions_days"))) {
            assertThat(DayPartitions.partitions(c)).as("a new database has no legacy partition").isEmpty();
            Instant noon = Instant.parse("2026-11-01T12:00:00Z");
            assertThatThrownBy(() -> insert(c, noon, "berit"))
                    .hasMessageContaining("no partition");

            DayPartitions days = new DayPartitions();
            days.ensure(c, noon, noon.plus(Duration.ofDays(1)));
            insert(c, noon, "berit");
            insert(c, Instant.parse("2026-11-01T23:59:59.999999Z"), "berit");
            assertThat(DayPartitions.partitions(c)).containsExactly("route_decisions_20261101", "route_decisions_20261102");

            assertThat(days.dropOlderThan(c, Instant.parse("2026-11-01T23:59:59.999999Z"))).isEmpty();
            assertThat(decidedAt(c, "berit")).hasSize(2);
            assertThat(days.dropOlderThan(c, Instant.parse("2026-11-02T00:00:00Z")))
                    .containsExactly("route_decisions_20261101");
            assertThat(decidedAt(c, "berit")).isEmpty();
            assertThat(DayPartitions.partitions(c)).containsExactly("route_decisions_20261102");

            // Forgotten after the drop: writing into that day again creates its partition again.
            days.ensure(c, noon, noon);
            insert(c, noon, "berit");
            assertThat(decidedAt(c, "berit")).containsExactly(noon);
        }
    }

    @Test
    void replicasRacingToCreateTheSameDayAllSucceedAndMakeOnePartition() throws Exception {
        String url = migratedDatabase("calroute_routing_partitions_race");
        int replicas = 4;
        CyclicBarrier start = new CyclicBarrier(replicas);
        Instant at = Instant.parse("2026-11-05T08:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<Void>> racers = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                String user = "replica-" + i;
                Callable<Void> racer = () -> {
                    try (Connection c = connect(url)) {
                        DayPartitions days = new DayPartitions();
                        start.await();
                        days.ensure(c, at, at);
                        insert(c, at, user);
                    }
                    return null;
                };
                racers.add(pool.submit(racer));
            }
            for (Future<Void> racer : racers) {
                racer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect(url)) {
            assertThat(DayPartitions.partitions(c)).containsExactly("route_decisions_20261105");
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM route_decisions_20261105")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(replicas);
            }
        }
    }

    private static String migratedDatabase(String name) {
        String url = TestPostgres.freshDatabase(name);
        flyway(url).load().migrate();
        return url;
    }

    private static List<Instant> decidedAt(Connection c, String user) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT decided_at FROM route_decisions WHERE tenant_id = 'acme'"
                + " AND user_id = ? ORDER BY decided_at DESC, id DESC")) {
            q.setString(1, user);
            List<Instant> at = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    at.add(r.getTimestamp(1).toInstant());
                }
            }
            return at;
        }
    }
}
