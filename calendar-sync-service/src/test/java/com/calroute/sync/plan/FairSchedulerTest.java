package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FairSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final RetryPolicy RETRIES =
            new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), () -> 0.0), Duration.ofMinutes(2));

    private final Map<String, Integer> allowed = new HashMap<>();
    private final FairScheduler.Capacity capacity = (tenant, now) -> allowed.getOrDefault(tenant, 20);

    @Test
    void aTenantWithOneFirstReadIsServedBetweenTheBulkTenantsTwentyThousand() {
        FairScheduler fair = new FairScheduler(RETRIES, 4, 1);
        MailboxSchedule bulk = fair.tenant("bulk");
        for (int i = 0; i < 20_000; i++) {
            bulk.add("bulk/u" + i, T0, Duration.ZERO);
        }
        FairScheduler.Assignment first = fair.next(T0, capacity);
        assertThat(first.tenantId()).isEqualTo("bulk");
        fair.tenant("quiet").add("quiet/u1", T0, Duration.ZERO);

        FairScheduler.Assignment second = fair.next(T0, capacity);
        assertThat(second.tenantId()).isEqualTo("quiet");
    }

    @Test
    void aDeletedTenantsLaneGoesOnceItsLastReadEnds() {
        FairScheduler fair = new FairScheduler(RETRIES, 4, 1);
        fair.tenant("gone").add("gone/u1", T0, Duration.ZERO);
        fair.tenant("idle").add("idle/u1", T0, Duration.ZERO);
        FairScheduler.Assignment running = takeFrom(fair, "gone");
        fair.tenant("gone").remove("gone/u1");
        fair.tenant("idle").remove("idle/u1");

        fair.forget("idle");
        fair.forget("gone");
        assertThat(fair.tenants()).as("the tenant with a read still running keeps its lane").isEqualTo(1);
        fair.succeeded(running, T0);
        assertThat(fair.tenants()).isZero();
        assertThat(fair.next(T0, capacity)).isNull();

        // Created again under the same id: a fresh lane, served as usual.
        fair.tenant("gone").add("gone/u2", T0, Duration.ZERO);
        assertThat(fair.next(T0, capacity).read().key()).isEqualTo("gone/u2");
    }

    @Test
    void anyTenantsChangeGoesBeforeAnyTenantsBulkWork() {
        FairScheduler fair = new FairScheduler(RETRIES, 8, 1);
        MailboxSchedule quiet = fair.tenant("quiet");
        quiet.add("quiet/u1", T0, Duration.ZERO);
        fair.succeeded(takeFrom(fair, "quiet"), T0);
        for (int i = 0; i < 100; i++) {
            fair.tenant("bulk").add("bulk/u" + i, T0, Duration.ZERO);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(fair.next(T0, capacity).tenantId()).isEqualTo("bulk");
        }
        quiet.request("quiet/u1", ReadUrgency.CHANGE, T0);

        FairScheduler.Assignment next = fair.next(T0, capacity);
        assertThat(next.tenantId()).isEqualTo("quiet");
        assertThat(next.read().urgency()).isEqualTo(ReadUrgency.CHANGE);
    }

    @Test
    void bulkWorkLeavesTheLiveReserveFreeForChanges() {
        FairScheduler fair = new FairScheduler(RETRIES, 4, 1);
        for (int i = 0; i < 100; i++) {
            fair.tenant("bulk").add("bulk/u" + i, T0, Duration.ZERO);
        }
        List<FairScheduler.Assignment> started = drain(fair);
        assertThat(started).hasSize(3);

        MailboxSchedule quiet = fair.tenant("quiet");
        quiet.add("quiet/u1", T0, Duration.ZERO);
        assertThat(fair.next(T0, capacity)).as("a first read is bulk work").isNull();
        quiet.request("quiet/u1", ReadUrgency.CHANGE, T0);
        FairScheduler.Assignment change = fair.next(T0, capacity);
        assertThat(change.tenantId()).isEqualTo("quiet");
        assertThat(fair.next(T0, capacity)).as("every worker busy").isNull();
    }

    @Test
    void aTenantStaysWithinWhatItsExchangeAllowsAndGetsNothingWhileItBacksOff() {
        FairScheduler fair = new FairScheduler(RETRIES, 16, 2);
        for (int i = 0; i < 50; i++) {
            fair.tenant("a").add("a/u" + i, T0, Duration.ZERO);
            fair.tenant("b").add("b/u" + i, T0, Duration.ZERO);
        }
        allowed.put("a", 3);
        allowed.put("b", 0);
        List<FairScheduler.Assignment> started = drain(fair);
        assertThat(started).extracting(FairScheduler.Assignment::tenantId).containsOnly("a").hasSize(3);
        assertThat(fair.running("b")).isZero();

        allowed.put("b", 5);
        assertThat(drain(fair)).extracting(FairScheduler.Assignment::tenantId).containsOnly("b").hasSize(5);
    }

    @Test
    void tenantsWithQueuedWorkShareTheWorkersEvenly() {
        FairScheduler fair = new FairScheduler(RETRIES, 10, 0);
        for (String tenant : List.of("a", "b")) {
            for (int i = 0; i < 1_000; i++) {
                fair.tenant(tenant).add(tenant + "/u" + i, T0, Duration.ZERO);
            }
        }
        Map<String, Integer> served = new HashMap<>();
        Instant now = T0;
        List<FairScheduler.Assignment> running = new ArrayList<>(drain(fair));
        for (int round = 0; round < 500; round++) {
            FairScheduler.Assignment done = running.remove(0);
            served.merge(done.tenantId(), 1, Integer::sum);
            now = now.plusMillis(10);
            fair.succeeded(done, now);
            running.addAll(drain(fair));
        }
        assertThat(served.get("a")).isBetween(245, 255);
        assertThat(served.get("b")).isBetween(245, 255);
    }

    @Test
    void aFailedReadComesBackWhenItsWaitIsOver() {
        FairScheduler fair = new FairScheduler(RETRIES, 2, 0);
        fair.tenant("a").add("a/u1", T0, Duration.ZERO);
        FairScheduler.Assignment read = fair.next(T0, capacity);
        fair.failed(read, FailureKind.TIMEOUT, T0);
        assertThat(fair.next(T0.plusMillis(499), capacity)).isNull();
        assertThat(fair.nextDue()).isEqualTo(T0.plusMillis(500));
        assertThat(fair.next(T0.plusMillis(500), capacity).read().key()).isEqualTo("a/u1");
    }

    private List<FairScheduler.Assignment> drain(FairScheduler fair) {
        List<FairScheduler.Assignment> started = new ArrayList<>();
        FairScheduler.Assignment next;
        while ((next = fair.next(T0, capacity)) != null) {
            started.add(next);
        }
        return started;
    }

    private FairScheduler.Assignment takeFrom(FairScheduler fair, String tenant) {
        FairScheduler.Assignment next = fair.next(T0, capacity);
        assertThat(next.tenantId()).isEqualTo(tenant);
        return next;
    }
}
