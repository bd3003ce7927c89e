package com.calroute.routing.api;

import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.support.Messages;
import com.calroute.routing.support.Producers;
import com.calroute.testing.kafka.KafkaTestResource;
import com.calroute.testing.kafka.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * PostgreSQL hung from the start (a port that accepts connections and never answers, so every connection attempt
 * waits for the pool's time-outs): routing still starts, becomes ready and answers lookups at once; the decision log
 * only loses its records, counted as {@code calroute_route_decisions_dropped_total{cause="store"}}, and its read
 * endpoint answers 503 problem+json.
 */
@QuarkusTest
@TestProfile(DecisionLogDatabaseDownTest.NoDatabase.class)
class DecisionLogDatabaseDownTest {

    /** The datasource points at a port that never answers; the module's Kafka as usual. */
    public static class NoDatabase implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:" + HUNG.getLocalPort() + "/calroute_routing_hung");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** Accepts connections into its backlog (the kernel completes them) and never reads or writes a byte. */
    static final ServerSocket HUNG = hungServer();

    private static final String TENANT = "acme-nodb";
    private static final String EVA = "eva-0001";
    private static final String EVA_NUMBER = "+4791237001";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** quarkus.datasource.jdbc.login-timeout: the least any connection attempt to the hung server waits. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern DROPPED_BY_STORE =
            Pattern.compile("(?m)^calroute_route_decisions_dropped_total\\{cause=\"store\"[^}]*} ([0-9.E]+)$");

    @Test
    @TestSecurity(user = "eva", roles = {"employee", "call-control"})
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-eva@acme.no")})
    void lookupsAnswerWhileTheLogOnlyLosesAndCountsItsRecords() {
        try (Producers producer = new Producers(TestKafka.bootstrapServers())) {
            producer.send(Topics.TENANTS, TENANT, Messages.tenant(TENANT, "+4722000000", 1));
            producer.send(Topics.USERS, TENANT + "/" + EVA, Messages.user(TENANT, EVA, EVA_NUMBER, "eva@acme.no", 1));
        }
        await().atMost(PATIENCE).until(() -> given().get("/q/health/ready").statusCode() == 200);
        await().atMost(PATIENCE).until(() -> given().get("/api/v1/routes/" + EVA_NUMBER).statusCode() == 200);
        // Warm: the first request with a caller loads classes; the writer has met the hung database by now.
        given().queryParam("caller", "+4799999123").get("/api/v1/routes/" + EVA_NUMBER).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> droppedByStore() >= 1);
        double before = droppedByStore();

        List<Duration> took = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            given().queryParam("caller", "+4799999123").get("/api/v1/routes/" + EVA_NUMBER).then().statusCode(200)
                    .body("action", equalTo("RING"));
            took.add(Duration.ofNanos(System.nanoTime() - started));
        }
        // Every connection attempt to the hung server waits out the 2 s login time-out; a
        // lookup that touched the database would too. None does, however slow this machine is.
        assertThat(took).as("lookup times").allMatch(d -> d.compareTo(LOGIN_TIMEOUT) < 0);

        await().atMost(PATIENCE).until(() -> droppedByStore() >= before + 20);
        given().queryParam("since", Instant.now().minusSeconds(60).toString()).get("/api/v1/me/routes/decisions").then()
                .statusCode(503).contentType("application/problem+json").body("type", equalTo(ProblemTypes.UNAVAILABLE));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static ServerSocket hungServer() {
        try {
            return new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double droppedByStore() {
        Matcher m = DROPPED_BY_STORE.matcher(given().get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
