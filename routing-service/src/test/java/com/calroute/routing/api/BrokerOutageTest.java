package com.calroute.routing.api;

import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.ingest.TopicNames;
import com.calroute.routing.support.Messages;
import com.calroute.routing.support.Producers;
import com.calroute.routing.support.TopicWatcher;
import com.calroute.testing.kafka.InjectRelayedKafka;
import com.calroute.testing.kafka.RelayedKafka;
import com.calroute.testing.kafka.RelayedKafkaTestResource;
import com.calroute.testing.postgres.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/**
 * The broker taken away (a relay in front of a broker of the test's own is cut): the override store is the
 * compacted topic, so an override cannot be stored and is refused at once with a 503 problem and Retry-After —
 * not after the write time-out — while lookups keep answering from memory; once the broker is back the same
 * request is stored and reaches the overrides topic.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.BrokerBehindRelay.class)
class BrokerOutageTest {

    /** The service's broker behind a relay the test can cut. */
    public static class BrokerBehindRelay implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RelayedKafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class, Map.of("database", "calroute_routing_outage_test")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final String TENANT = "acme-outage";
    private static final String EVA = "eva-0001";
    private static final String EVA_NUMBER = "+4791235001";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Well below the 10 s write time-out a write waited for before: "at once", with room for a busy machine. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    @InjectRelayedKafka
    RelayedKafka kafka;

    @Test
    @TestSecurity(user = "eva", roles = {"employee", "call-control"})
    @OidcSecurity(claims = {@Claim(key = "email", value = "eva@acme.no"), @Claim(key = "tenant", value = TENANT),
            @Claim(key = "iss", value = Messages.ISSUER), @Claim(key = "sub", value = "login-eva@acme.no")})
    void anOverrideIsRefusedAtOnceWhileTheBrokerIsAwayAndStoredOnceItIsBack() {
        try (Producers producer = new Producers(kafka.bootstrapServers());
             TopicWatcher overrides = new TopicWatcher(kafka.bootstrapServers(), Topics.OVERRIDES)) {
            producer.send(Topics.TENANTS, TENANT, Messages.tenant(TENANT, "+4722000000", 1));
            producer.send(Topics.USERS, TENANT + "/" + EVA, Messages.user(TENANT, EVA, EVA_NUMBER, "eva@acme.no", 1));
            await().atMost(PATIENCE).until(() -> given().get("/api/v1/routes/" + EVA_NUMBER).statusCode() == 200);
            String until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
            Map<String, String> voicemail = Map.of("action", "VOICEMAIL", "until", until);

            kafka.relay().cut();
            try {
                await().atMost(PATIENCE).until(() -> "down".equals(given().get("/q/health/ready")
                        .path("checks.find { it.name == 'routing-table-caught-up' }.data.kafka")));
                long started = System.nanoTime();
                Response refused = given().contentType(ContentType.JSON).body(voicemail)
                        .put("/api/v1/me/status/override");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                refused.then().statusCode(503).contentType(startsWith("application/problem+json"))
                        .body("type", equalTo(ProblemTypes.UNAVAILABLE))
                        .header("Retry-After", matchesPattern("[1-9][0-9]*"));
                assertThat(took).as("refused at once, not after the write time-out").isLessThan(PROMPT);
                given().get("/api/v1/routes/" + EVA_NUMBER).then().statusCode(200)
                        .body("state", equalTo("AVAILABLE"));
            } finally {
                kafka.relay().restore();
            }

            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> given()
                    .contentType(ContentType.JSON).body(voicemail).put("/api/v1/me/status/override").statusCode() == 200);
            given().get("/api/v1/routes/" + EVA_NUMBER).then().statusCode(200)
                    .body("state", equalTo("OVERRIDE")).body("action", equalTo("VOICEMAIL"));
            await().atMost(PATIENCE).until(() -> overrides.forKey(TENANT + "/" + EVA).stream()
                    .anyMatch(seen -> seen.value() != null && seen.value().contains("VOICEMAIL")));
        }
    }
}
