package com.calroute.sync.problem;

import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.testsupport.SyncBehindDatabaseRelay;
import com.calroute.testing.net.TcpRelay;
import com.calroute.testing.postgres.InjectDatabaseRelay;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/**
 * PostgreSQL taken away (a relay in front of the real server is cut): sync health, resync and Graph's notification
 * endpoints (for a subscription another replica holds) answer a 503 problem
 * with {@code Retry-After}, promptly, instead of a 500; given back, they answer again without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.DatabaseBehindRelay.class)
class DatabaseOutageTest {

    /** The service's database behind a relay the test can cut; everything else as in the other tests. */
    public static class DatabaseBehindRelay implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SyncBehindDatabaseRelay.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** One API call, named for the failure message. */
    record Call(String name, Supplier<Response> send) {
    }

    /** Generous: a prompt answer is a few seconds (the pool's acquisition time-out), a hung one much longer. */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    private static final String ELSEWHERE = """
            {"value":[{"subscriptionId":"held-by-another-replica","clientState":"secret","lifecycleEvent":"missed"}]}""";

    @InjectDatabaseRelay
    TcpRelay database;

    @Inject
    SyncHealthStore store;

    @Test
    @TestSecurity(user = "admin@acme-outage.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = "acme-outage"))
    void syncHealthAndResyncAnswer503WithRetryAfterAndRecoverWithoutRestart() {
        store.failed("acme-outage", "u-1", "AUTH", "Exchange rejected the user name or password");
        assertThat(database.connectionsAccepted()).as("the service reaches PostgreSQL through the relay").isPositive();
        List<Call> calls = List.of(
                new Call("sync health", () -> given().get("/api/v1/tenants/acme-outage/sync-health")),
                new Call("resync", () -> given().post("/api/v1/tenants/acme-outage/users/u-1/resync")),
                // A Graph notification for a subscription another replica holds is looked up in the database: 503
                // makes Graph deliver it again later, where a 202 would drop the change.
                new Call("Graph notification", () -> given().contentType("application/json")
                        .body(ELSEWHERE).post("/graph/v1/notifications")),
                new Call("Graph lifecycle notification", () -> given().contentType("application/json")
                        .body(ELSEWHERE).post("/graph/v1/lifecycle")));

        database.cut();
        try {
            for (Call call : calls) {
                long started = System.nanoTime();
                Response response = call.send().get();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                response.then().statusCode(503)
                        .contentType(startsWith("application/problem+json"))
                        .body("type", equalTo(ProblemTypes.UNAVAILABLE)).body("status", equalTo(503))
                        .header("Retry-After", matchesPattern("[1-9][0-9]*"));
                assertThat(took).as(call.name() + " answers promptly").isLessThan(PROMPT);
            }
        } finally {
            database.restore();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/api/v1/tenants/acme-outage/sync-health").then().statusCode(200)
                        .body("users[0].userId", equalTo("u-1")));
        given().post("/api/v1/tenants/acme-outage/users/u-1/resync").then().statusCode(202);
    }
}
