package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.RequestLog;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.testsupport.Simulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.calroute.sync.testsupport.Simulators.ACCOUNT;
import static com.calroute.sync.testsupport.Simulators.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A streaming group against the simulator: notifications per member, anchored routing, recovery from drops, and
 * subscriptions ended whenever the group stops using them.
 */
class StreamingGroupTest {

    private static final List<String> MEMBERS = List.of("a@acme.example", "b@acme.example", "c@acme.example");
    private static EwsSimulator sim;

    @BeforeAll
    static void start() {
        sim = Simulators.start("Exchange2013_SP1");
        sim.control().updateServer(Map.of("heartbeatSeconds", 1));
        Simulators.account(sim, ACCOUNT, PASSWORD, true);
        MEMBERS.forEach(member -> Simulators.mailbox(sim, member));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private record Event(String kind, Set<String> mailboxes, Instant at) {
    }

    @Test
    void notifiesChangesPerMemberAndResubscribesAfterADroppedStream() throws Exception {
        EwsClientFactory factory = factoryFor(sim);
        ExchangeConnection connection = Simulators.httpConnection("acme", sim, 1);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        StreamingGroup.Listener listener = recorder(events);
        try (StreamingGroup stream = new StreamingGroup("acme", "a@acme.example", Set.copyOf(MEMBERS.subList(0, 2)),
                connection, factory, EwsCalls.DIRECT, listener,
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5), 1, Duration.ofSeconds(30))) {
            stream.start();
            Event subscribed = events.poll(10, TimeUnit.SECONDS);
            assertThat(subscribed).isNotNull();
            assertThat(subscribed.kind()).isEqualTo("subscribed");
            assertThat(subscribed.mailboxes()).containsExactlyInAnyOrder("a@acme.example", "b@acme.example");
            stream.update(Set.copyOf(MEMBERS));
            Event joined = next(events, "subscribed");
            assertThat(joined.mailboxes()).containsExactly("c@acme.example");
            // The connection re-formed with c: once it is accepted, every member is read once more.
            assertThat(next(events, "subscribed").mailboxes()).containsExactlyInAnyOrderElementsOf(MEMBERS);

            Instant changedAt = Instant.now();
            sim.control().createAppointment("b@acme.example", Simulators.startingIn("x", "PT2H", "PT1H", "Normal"));
            Event changed = next(events, "changed");
            assertThat(changed.mailboxes()).containsExactly("b@acme.example");
            System.out.printf("streaming notification latency: %d ms%n",
                    Duration.between(changedAt, changed.at()).toMillis());

            List<RequestLog.Entry> subscribes = sim.control().requests(null, null, "Subscribe");
            assertThat(subscribes).hasSize(3).allSatisfy(entry ->
                    assertThat(entry.anchorMailbox()).isEqualToIgnoringCase("a@acme.example"));
            assertThat(sim.control().requests(null, null, "GetStreamingEvents")).allSatisfy(entry ->
                    assertThat(entry.anchorMatches()).isTrue());

            // The connection replaced when c joined was aborted by us; wait until the simulator has noticed, so the
            // drop hits the live stream.
            awaitOpenConnections(sim, 1);
            sim.control().addFault(Map.of("account", ACCOUNT, "kind", "DROP_STREAMING", "count", 1));
            // The subscriptions stand: the group opens again with them, and reads every member once more, since
            // the broken connection may have taken events along.
            Event reread = next(events, "subscribed");
            assertThat(reread.mailboxes()).containsExactlyInAnyOrderElementsOf(MEMBERS);
            assertThat(sim.control().requests(null, null, "Subscribe")).hasSize(3);
            assertThat(sim.control().requests(null, null, "Unsubscribe")).isEmpty();
            sim.control().createAppointment("c@acme.example", Simulators.startingIn("y", "PT3H", "PT1H", "Normal"));
            assertThat(next(events, "changed").mailboxes()).containsExactly("c@acme.example");
        }
    }

    @Test
    void newcomersAreReportedSubscribedAsOfTheMomentTheLastOfThemWasInPlace() throws Exception {
        // A member may be read while the others subscribe (one taken over on a restart is read without waiting for
        // its feed); a change after that read but before its own subscription reaches no notification, so only reads
        // started once every subscription was in place may count as following it.
        try (EwsSimulator exchange = exchangeWithMembers("Exchange2013_SP1", Map.of("heartbeatSeconds", 1))) {
            exchange.control().addFault(Map.of("mailbox", "b@acme.example", "operation", "Subscribe", "kind", "LATENCY",
                    "latencyMs", 1_500, "count", 1));
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            try (StreamingGroup stream = allMembers(exchange, events)) {
                stream.start();
                Event subscribed = next(events, "subscribed");
                assertThat(subscribed.mailboxes()).containsExactlyInAnyOrderElementsOf(MEMBERS);
                RequestLog.Entry slow = exchange.control().requests(null, "b@acme.example", "Subscribe").get(0);
                assertThat(slow.durationMs()).as("the fault held b's Subscribe").isGreaterThanOrEqualTo(1_500);
                // b's subscription exists only once the simulator's 1.5 s are over.
                assertThat(subscribed.at()).isAfter(slow.at().plusMillis(1_500));
                assertThat(exchange.control().requests(null, null, "Subscribe")).hasSize(MEMBERS.size());
            }
        }
    }

    @Test
    void aStreamExchangeKeepsDroppingIsOpenedAgainEverLessOftenWithoutReSubscribing() throws Exception {
        try (EwsSimulator exchange = exchangeWithMembers("Exchange2013_SP1", Map.of("heartbeatSeconds", 1))) {
            EwsClientFactory factory = factoryFor(exchange);
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            try (StreamingGroup stream = new StreamingGroup("acme", "a@acme.example", Set.copyOf(MEMBERS),
                    Simulators.httpConnection("acme", exchange, 1), factory, EwsCalls.DIRECT, recorder(events),
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), () -> 0.5), 1, Duration.ofSeconds(30))) {
                stream.start();
                next(events, "subscribed");
                awaitOpenConnections(exchange, 1);
                // The live connection and the next four are dropped as soon as they stream.
                exchange.control().addFault(Map.of("account", ACCOUNT, "kind", "DROP_STREAMING", "count", 5));
                Event reread = next(events, "subscribed");
                assertThat(reread.mailboxes()).containsExactlyInAnyOrderElementsOf(MEMBERS);

                List<Instant> opens = exchange.control().requests(null, null, "GetStreamingEvents").stream()
                        .map(RequestLog.Entry::at).sorted().toList();
                assertThat(opens).hasSizeGreaterThanOrEqualTo(6);
                List<Long> gaps = new java.util.ArrayList<>();
                for (int i = 2; i < opens.size(); i++) {
                    gaps.add(Duration.between(opens.get(i - 1), opens.get(i)).toMillis());
                }
                System.out.printf("re-opens after repeated drops, ms apart: %s%n", gaps);
                // Back-off 200 ms doubling (jitter fixed at 3/4 of the step): 150, 300, 600, 1200 ms at least.
                assertThat(gaps.get(gaps.size() - 1)).isGreaterThanOrEqualTo(1_200);
                assertThat(gaps.get(gaps.size() - 1)).isGreaterThan(4 * gaps.get(0));
                // No request storm: nobody was re-subscribed or unsubscribed.
                assertThat(exchange.control().requests(null, null, "Subscribe")).hasSize(MEMBERS.size());
                assertThat(exchange.control().requests(null, null, "Unsubscribe")).isEmpty();
            }
        }
    }

    @Test
    void leaversAndClosedGroupsAreUnsubscribedSoAMailboxCanChangeOwnerAgainAndAgain() throws Exception {
        // Exchange 2010 allows 20 live subscriptions per mailbox: 25 hand-overs fail unless each owner unsubscribes.
        try (EwsSimulator exchange2010 = Simulators.start("Exchange2010_SP1")) {
            Simulators.account(exchange2010, ACCOUNT, PASSWORD, true);
            MEMBERS.forEach(member -> Simulators.mailbox(exchange2010, member));
            EwsClientFactory factory = factoryFor(exchange2010);
            ExchangeConnection sp2 = Simulators.httpConnection("acme", exchange2010, 1);
            ExchangeConnection connection = new ExchangeConnection(sp2.tenantId(), sp2.kind(), 1, sp2.ewsUrl(),
                    sp2.username(), sp2.password(), sp2.domain(), "Exchange2010_SP1", null, null, null, null, null, null,
                    null);
            for (int owner = 1; owner <= 25; owner++) {
                BlockingQueue<Event> events = new LinkedBlockingQueue<>();
                StreamingGroup group = new StreamingGroup("acme", "a@acme.example", Set.of("a@acme.example",
                        "b@acme.example"), connection, factory, EwsCalls.DIRECT, recorder(events),
                        new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5), 1, Duration.ofSeconds(30));
                group.start();
                assertThat(next(events, "subscribed").mailboxes()).as("owner %d subscribes", owner)
                        .containsExactlyInAnyOrder("a@acme.example", "b@acme.example");
                if (owner == 1) {
                    // A member leaving (opted out, or its partition moved) is unsubscribed at once.
                    group.update(Set.of("a@acme.example"));
                    awaitCount(exchange2010, "Unsubscribe", 1);
                    assertThat(exchange2010.control().requests(null, "b@acme.example", "Unsubscribe"))
                            .singleElement().satisfies(entry -> assertThat(entry.responseCode()).isEqualTo("NoError"));
                }
                group.close();
                // Every subscription made so far is ended, also those of a stream that had to start over (a new
                // owner's connection may be refused while Exchange still counts the previous owner's).
                awaitCount(exchange2010, "Unsubscribe",
                        exchange2010.control().requests(null, null, "Subscribe").size());
            }
            List<RequestLog.Entry> subscribes = exchange2010.control().requests(null, null, "Subscribe");
            assertThat(subscribes).allSatisfy(entry -> assertThat(entry.responseCode()).isEqualTo("NoError"))
                    .hasSizeGreaterThanOrEqualTo(50);
            assertThat(exchange2010.control().requests(null, null, "Unsubscribe"))
                    .allSatisfy(entry -> assertThat(entry.responseCode()).isEqualTo("NoError"))
                    .hasSameSizeAs(subscribes);
        }
    }

    private static void awaitCount(EwsSimulator simulator, String operation, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> simulator.control().requests(null, null, operation).size() >= count);
    }

    @Test
    void aRefusedConnectionIsOpenedAgainWithTheSameSubscriptionsAndNothingIsLost() throws Exception {
        // One hanging connection per anchor, and a closed one counts until the next heartbeat finds it gone: every
        // re-open right after a membership change is refused for up to 3 s, as Exchange 2013 does at its limit.
        try (EwsSimulator exchange = exchangeWithMembers("Exchange2013", Map.of("heartbeatSeconds", 3, "maxStreamingConnectionsPerMailbox", 1))) {
            EwsClientFactory factory = factoryFor(exchange);
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            try (StreamingGroup stream = new StreamingGroup("acme", "a@acme.example", Set.copyOf(MEMBERS.subList(0, 2)),
                    Simulators.httpConnection("acme", exchange, 1), factory, EwsCalls.DIRECT, recorder(events),
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5), 1, Duration.ofSeconds(30))) {
                stream.start();
                next(events, "subscribed");
                awaitOpenConnections(exchange, 1);
                stream.update(Set.copyOf(MEMBERS));
                assertThat(next(events, "subscribed").mailboxes()).containsExactly("c@acme.example");
                // Made while the group re-forms: the abandoned connection may take its event along, so once the
                // new connection is accepted every member is reported for a read, as of a moment after the change:
                // a member read after the old connection was abandoned but before the change is read once more
                // (as of the abandonment, that read would have counted as having seen it).
                Instant changedAt = Instant.now();
                exchange.control().createAppointment("b@acme.example", Simulators.startingIn("x", "PT2H", "PT1H", "Normal"));
                Event reformed = next(events, "subscribed");
                assertThat(reformed.mailboxes()).containsExactlyInAnyOrderElementsOf(MEMBERS);
                assertThat(reformed.at()).isAfter(changedAt);
                RequestLog.Entry accepted = exchange.control().requests(null, null, "GetStreamingEvents").stream()
                        .filter(entry -> "NoError".equals(entry.responseCode())).reduce((first, second) -> second)
                        .orElseThrow();
                assertThat(reformed.at()).as("as of the accepted connection's opening").isAfterOrEqualTo(accepted.at());
                exchange.control().createAppointment("c@acme.example", Simulators.startingIn("y", "PT3H", "PT1H", "Normal"));
                assertThat(next(events, "changed").mailboxes()).containsExactly("c@acme.example");

                assertThat(exchange.control().requests(null, null, "GetStreamingEvents"))
                        .extracting(RequestLog.Entry::responseCode).contains("ErrorExceededConnectionCount");
                // Not started over: each member was subscribed once, and nothing was unsubscribed.
                assertThat(exchange.control().requests(null, null, "Subscribe")).hasSize(3);
                assertThat(exchange.control().requests(null, null, "Unsubscribe")).isEmpty();
            }
        }
    }

    @Test
    void afterARestartWhoseOldConnectionStillCountsStreamingIsRestoredOnceExchangeLetsItGo() throws Exception {
        // A replica killed with kill -9 leaves its hanging connection counted at Exchange until the next heartbeat
        // finds it gone. Here the old process's group is still streaming (one connection per anchor allowed) when
        // the new process's group on the same anchor opens: refused until the old one goes, then streaming.
        try (EwsSimulator exchange = exchangeWithMembers("Exchange2013",
                Map.of("heartbeatSeconds", 1, "maxStreamingConnectionsPerMailbox", 1))) {
            EwsClientFactory factory = factoryFor(exchange);
            Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5);
            BlockingQueue<Event> before = new LinkedBlockingQueue<>();
            StreamingGroup dead = new StreamingGroup("acme", "a@acme.example", Set.copyOf(MEMBERS),
                    Simulators.httpConnection("acme", exchange, 1), factory, EwsCalls.DIRECT, recorder(before), backoff, 1,
                    Duration.ofSeconds(30));
            dead.start();
            next(before, "subscribed");
            awaitOpenConnections(exchange, 1);

            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            try (StreamingGroup restarted = new StreamingGroup("acme", "a@acme.example", Set.copyOf(MEMBERS),
                    Simulators.httpConnection("acme", exchange, 1), factory, EwsCalls.DIRECT, recorder(events), backoff, 1,
                    Duration.ofSeconds(30))) {
                restarted.start();
                next(events, "subscribed");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> assertThat(exchange.control().requests(null, null, "GetStreamingEvents"))
                                .extracting(RequestLog.Entry::responseCode).contains("ErrorExceededConnectionCount"));
                Instant released = Instant.now();
                dead.close();
                // Well within two minutes of the old connection going, the new group streams.
                exchange.control().createAppointment("b@acme.example", Simulators.startingIn("x", "PT2H", "PT1H", "Normal"));
                Event changed = next(events, "changed");
                assertThat(changed.mailboxes()).containsExactly("b@acme.example");
                System.out.printf("streaming restored %d ms after the old connection went%n",
                        Duration.between(released, changed.at()).toMillis());
                assertThat(Duration.between(released, changed.at())).isLessThan(Duration.ofMinutes(2));
            }
        }
    }

    @Test
    void aBurstOfNewcomersMakesOneReSubscriptionNotOneEach() throws Exception {
        try (EwsSimulator burst = Simulators.start("Exchange2013_SP1")) {
            burstOfNewcomers(burst);
        }
    }

    private static void burstOfNewcomers(EwsSimulator sim) throws Exception {
        Simulators.account(sim, ACCOUNT, PASSWORD, true);
        Simulators.mailbox(sim, "a@acme.example");
        List<String> newcomers = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            newcomers.add("burst" + i + "@acme.example");
            Simulators.mailbox(sim, "burst" + i + "@acme.example");
        }
        EwsClientFactory factory = factoryFor(sim);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (StreamingGroup stream = new StreamingGroup("burst", "a@acme.example", Set.of("a@acme.example"),
                Simulators.httpConnection("burst", sim, 1), factory, EwsCalls.DIRECT, recorder(events),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5), 1, Duration.ofSeconds(30))) {
            stream.start();
            next(events, "subscribed");
            awaitOpenConnections(sim, 1);
            long opensBefore = opens(sim, "a@acme.example");
            java.util.Set<String> members = new java.util.HashSet<>(Set.of("a@acme.example"));
            // Thirty opt-ins arriving one by one over about half a second, as the users topic delivers them.
            for (String newcomer : newcomers) {
                members.add(newcomer);
                stream.update(members);
                Thread.sleep(15);
            }
            java.util.Set<String> subscribed = new java.util.HashSet<>();
            while (subscribed.size() < newcomers.size()) {
                subscribed.addAll(next(events, "subscribed").mailboxes());
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> opens(sim, "a@acme.example") > opensBefore);
            // One new connection for the whole burst (two if the machine stalled past the settle time), and no more
            // while the group settles.
            await().during(Duration.ofMillis(2_500)).atMost(Duration.ofMillis(3_500)).pollInterval(Duration.ofMillis(50))
                    .until(() -> opens(sim, "a@acme.example") - opensBefore <= 2);
            assertThat(opens(sim, "a@acme.example") - opensBefore).isBetween(1L, 2L);
        }
    }

    /**
     * Exchange writes each streamed chunk as {@code <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">} with
     * soap11-prefixed Header and Body (Microsoft's "GetStreamingEvents operation" response example); other servers and
     * proxies write a prefixed {@code s:Envelope}. Either way a change is notified, and a clean {@code Closed} at the
     * end of a connection's life is followed by a new connection on the same subscriptions, not a re-subscription.
     */
    @ParameterizedTest(name = "prefixed envelope: {0}")
    @ValueSource(booleans = {false, true})
    void notificationsAndTheCleanEndAreReadInBothEnvelopeForms(boolean prefixed) throws Exception {
        try (EwsSimulator exchange = exchangeWithMembers("Exchange2013_SP1", Map.of("heartbeatSeconds", 1,
                "streamingConnectionTimeoutSeconds", 2, "prefixedStreamingEnvelopes", prefixed))) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            try (StreamingGroup stream = allMembers(exchange, events)) {
                stream.start();
                next(events, "subscribed");
                awaitOpenConnections(exchange, 1);
                exchange.control().createAppointment("b@acme.example", Simulators.startingIn("x", "PT2H", "PT1H", "Normal"));
                assertThat(next(events, "changed").mailboxes()).containsExactly("b@acme.example");

                awaitCount(exchange, "GetStreamingEvents", 2);
                exchange.control().createAppointment("c@acme.example", Simulators.startingIn("y", "PT3H", "PT1H", "Normal"));
                assertThat(next(events, "changed").mailboxes()).containsExactly("c@acme.example");
                assertThat(exchange.control().requests(null, null, "Subscribe")).hasSize(MEMBERS.size());
                assertThat(events).noneMatch(event -> "failed".equals(event.kind()));
            }
        }
    }

    /** A simulator of its own with the members' mailboxes, the service account and these server settings. */
    /** A group of every member of acme on its own connection, with the tests' usual back-off. */
    private static StreamingGroup allMembers(EwsSimulator exchange, BlockingQueue<Event> events) {
        return new StreamingGroup("acme", "a@acme.example", Set.copyOf(MEMBERS), Simulators.httpConnection("acme", exchange, 1),
                factoryFor(exchange), EwsCalls.DIRECT, recorder(events),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5), 1, Duration.ofSeconds(30));
    }

    private static EwsSimulator exchangeWithMembers(String version, Map<String, Object> server) {
        EwsSimulator exchange = Simulators.start(version);
        exchange.control().updateServer(server);
        Simulators.account(exchange, ACCOUNT, PASSWORD, true);
        MEMBERS.forEach(member -> Simulators.mailbox(exchange, member));
        return exchange;
    }

    private static EwsClientFactory factoryFor(EwsSimulator simulator) {
        String hostPort = Simulators.hostPort(simulator.httpEwsUrl());
        return new EwsClientFactory(new EndpointResolver(Set.of(hostPort), Set.of(hostPort)), Duration.ofSeconds(3),
                Duration.ofSeconds(10));
    }

    private static long opens(EwsSimulator sim, String anchor) {
        return sim.control().requests(null, null, "GetStreamingEvents").stream()
                .filter(entry -> anchor.equalsIgnoreCase(entry.anchorMailbox())).count();
    }

    private static void awaitOpenConnections(EwsSimulator simulator, int expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                ((Number) simulator.control().streamingStats().get("streamingConnections")).intValue() == expected);
    }

    private static StreamingGroup.Listener recorder(BlockingQueue<Event> events) {
        return new StreamingGroup.Listener() {
            @Override
            public void changed(String mailbox, Instant notifiedAt) {
                events.add(new Event("changed", Set.of(mailbox), notifiedAt));
            }

            @Override
            public void subscribed(Set<String> mailboxes, Instant since) {
                events.add(new Event("subscribed", mailboxes, since));
            }

            @Override
            public void failed(Set<String> mailboxes, Failure failure) {
                events.add(new Event("failed:" + failure.kind(), mailboxes, Instant.now()));
            }
        };
    }

    private static Event next(BlockingQueue<Event> events, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> others = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(500, TimeUnit.MILLISECONDS);
            if (event != null && event.kind().equals(kind)) {
                return event;
            }
            if (event != null) {
                others.add(event.kind());
            }
        }
        throw new AssertionError("no '" + kind + "' event within 20 s; got " + others);
    }
}
