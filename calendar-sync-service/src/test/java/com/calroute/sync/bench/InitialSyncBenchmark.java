package com.calroute.sync.bench;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.sync.testsupport.AppProcess;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.Topics;
import com.calroute.testing.kafka.TestKafka;
import com.calroute.testing.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The initial-sync benchmark: 10,000 mailboxes with 30 items each in the simulator (one tenant, one service
 * account, Exchange 2016 limits), the packaged service as its own process, the real broker. Prints mailboxes/s for
 * the initial sync and p50/p99 of change→Kafka latency through streaming afterwards. Not part of {@code verify};
 * run it with {@code bench/calendar-sync/run.sh}. Sizes can be lowered with {@code -Dbench.mailboxes=...}.
 */
class InitialSyncBenchmark {

    private static final String TENANT = "bench";

    @Test
    void initialSyncAndChangeLatency() throws Exception {
        int mailboxes = Integer.getInteger("bench.mailboxes", 10_000);
        int itemsPerMailbox = Integer.getInteger("bench.items", 30);
        int changes = Integer.getInteger("bench.changes", 300);
        EwsSimulator sim = Simulators.start("Exchange2016");
        try (sim) {
            sim.control().updateServer(Map.of("heartbeatSeconds", 5));
            Simulators.account(sim, Simulators.ACCOUNT, Simulators.PASSWORD, true);
            long seeding = System.nanoTime();
            for (int i = 0; i < mailboxes; i++) {
                String mailbox = mailbox(i);
                Simulators.mailbox(sim, mailbox);
                for (int n = 0; n < itemsPerMailbox; n++) {
                    // Spread over the 14 days ahead, within working hours, mixed busy types.
                    long minutes = 60L * (2 + (n * 11) % (14 * 24 - 4));
                    sim.control().createAppointment(mailbox, new AppointmentSpec("Item " + n, null, null, null, null,
                            "PT" + minutes + "M", null, null, null, "PT45M", null, null, null,
                            n % 7 == 0 ? "Tentative" : n % 11 == 0 ? "OOF" : "Busy", n % 13 == 0 ? "Private" : "Normal",
                            null, null, null, null));
                }
            }
            System.out.printf("seeded %d mailboxes x %d items in %d s%n", mailboxes, itemsPerMailbox,
                    (System.nanoTime() - seeding) / 1_000_000_000);

            FakeIdentityAndConfig identity = FakeIdentityAndConfig.instance();
            identity.putConnection(Simulators.httpConnection(TENANT, sim, 1));
            Map<String, String> settings = settings(sim, identity);
            try (AppProcess app = AppProcess.start("bench-sync", settings)) {
                app.httpPort(Duration.ofSeconds(120));
                app.awaitLog("owning users partition", Duration.ofSeconds(60));
                Topics.tenant(TENANT, false, 1, 1);
                try (CalendarWatcher watcher = new CalendarWatcher()) {
                    Instant start = Instant.now();
                    for (int i = 0; i < mailboxes; i++) {
                        Topics.userAsync(TENANT, "u" + i, mailbox(i), true, 1);
                    }
                    Topics.flush();
                    System.out.printf("enrolled %d users on calroute.users.v1 in %d ms%n", mailboxes,
                            Duration.between(start, Instant.now()).toMillis());
                    Instant last = start;
                    for (int i = 0; i < mailboxes; i++) {
                        CalendarWatcher.Seen seen = watcher.await(TENANT + "/u" + i, 0, s -> !s.tombstone(),
                                Duration.ofMinutes(10));
                        if (seen.arrivedAt().isAfter(last)) {
                            last = seen.arrivedAt();
                        }
                    }
                    double seconds = Duration.between(start, last).toMillis() / 1000.0;
                    System.out.printf("INITIAL SYNC: %d mailboxes (%d items each) in %.1f s = %.0f mailboxes/s"
                            + " (target <= 120 s)%n", mailboxes, itemsPerMailbox, seconds, mailboxes / seconds);
                    System.out.printf("simulator: %s%n", sim.control().stats());

                    // Let streaming settle, then change random mailboxes at a steady pace.
                    Thread.sleep(10_000);
                    Random random = new Random(42);
                    List<Long> latencies = new ArrayList<>();
                    for (int c = 0; c < changes; c++) {
                        int i = random.nextInt(mailboxes);
                        String key = TENANT + "/u" + i;
                        int before = watcher.of(key).size();
                        Instant changed = Instant.now();
                        sim.control().createAppointment(mailbox(i), Simulators.startingIn("Change " + c,
                                "PT" + (3 + c % 100) + "H", "PT30M", "Normal"));
                        CalendarWatcher.Seen seen = watcher.await(key, before, s -> !s.tombstone(), Duration.ofSeconds(60));
                        latencies.add(Duration.between(changed, seen.arrivedAt()).toMillis());
                        Thread.sleep(50);
                    }
                    Collections.sort(latencies);
                    System.out.printf("CHANGE -> KAFKA over streaming (%d changes): p50 %d ms, p99 %d ms, max %d ms"
                            + " (target p99 <= 5000 ms)%n", latencies.size(), percentile(latencies, 50),
                            percentile(latencies, 99), latencies.get(latencies.size() - 1));
                    assertThat(watcher.invalid()).isEmpty();
                }
            }
        }
    }

    private static Map<String, String> settings(EwsSimulator sim, FakeIdentityAndConfig identity) {
        String http = Simulators.hostPort(sim.httpEwsUrl());
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.http.port", "0");
        settings.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        settings.put("quarkus.datasource.jdbc.url", TestPostgres.freshDatabase("calroute_sync_bench"));
        settings.put("quarkus.datasource.username", TestPostgres.user());
        settings.put("quarkus.datasource.password", "");
        settings.put("quarkus.oidc.auth-server-url", identity.issuer());
        settings.put("quarkus.oidc-client.auth-server-url", identity.issuer());
        settings.put("quarkus.oidc-client.client-id", FakeIdentityAndConfig.CLIENT_ID);
        settings.put("quarkus.oidc-client.credentials.secret", FakeIdentityAndConfig.CLIENT_SECRET);
        settings.put("calroute.config-service.url", identity.baseUrl());
        settings.put("calroute.exchange.allowed-private-endpoints", http);
        settings.put("calroute.exchange.plain-http-endpoints", http);
        settings.put("calroute.sync.safety-poll-interval", "PT30M");
        return settings;
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String mailbox(int i) {
        return String.format("user%05d@bench.example", i);
    }
}
