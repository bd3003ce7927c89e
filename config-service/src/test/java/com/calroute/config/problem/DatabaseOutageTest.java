package com.calroute.config.problem;

import com.calroute.config.support.Api;
import com.calroute.config.support.FakeSyncService;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.testing.kafka.KafkaTestResource;
import com.calroute.testing.net.TcpRelay;
import com.calroute.testing.postgres.InjectDatabaseRelay;
import com.calroute.testing.postgres.RelayedPostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static com.calroute.config.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * PostgreSQL taken away (a relay in front of the real server is cut): every endpoint that needs the database answers
 * a 503 problem with {@code Retry-After}, promptly, instead of a 500; given back, the same endpoints answer again
 * without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.DatabaseBehindRelay.class)
class DatabaseOutageTest {

    /** The application's database behind a relay the test can cut; the module's other resources as usual. */
    public static class DatabaseBehindRelay implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(RelayedPostgresTestResource.class,
                            Map.of("database", "calroute_config_outage_test")),
                    new TestResourceEntry(FakeSyncService.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** One API call, named for the failure message. */
    record Call(String name, Supplier<Response> send) {
    }

    /** Generous: a prompt answer is a few seconds (the pool's acquisition time-out), a hung one half a minute. */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @InjectDatabaseRelay
    TcpRelay database;

    @Test
    void everyDatabaseBackedEndpointAnswers503WithRetryAfterAndRecoversWithoutRestart() {
        String tenant = Api.createTenant("outage");
        String doomed = Api.createTenant("outage-del");
        String userId = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        String kari = TestTokens.employee(tenant, "kari@acme.no");
        as(kari).get("/api/v1/me/calendar-sync").then().statusCode(200);
        as(TestTokens.tenantAdmin(tenant)).body(ews()).put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200);
        assertThat(database.connectionsAccepted()).as("the application reaches PostgreSQL through the relay").isPositive();

        String admin = TestTokens.tenantAdmin(tenant);
        String operator = TestTokens.operator();
        String users = "/api/v1/tenants/" + tenant + "/users";
        Api.NumberBlock spare = Api.newNumberBlock();
        List<Call> reads = List.of(
                new Call("list tenants", () -> as(operator).get("/api/v1/tenants")),
                new Call("get tenant", () -> as(admin).get("/api/v1/tenants/" + tenant)),
                new Call("get numbers", () -> as(admin).get("/api/v1/tenants/" + tenant + "/numbers")),
                new Call("get exchange", () -> as(admin).get("/api/v1/tenants/" + tenant + "/exchange")),
                new Call("list users", () -> as(admin).get(users)),
                new Call("get user", () -> as(admin).get(users + "/" + userId)),
                new Call("get login link", () -> as(admin).get(users + "/" + userId + "/login")),
                new Call("get calendar sync", () -> as(kari).get("/api/v1/me/calendar-sync")),
                new Call("get status settings", () -> as(kari).get("/api/v1/me/status-settings")),
                new Call("internal connection", () -> as(TestTokens.service())
                        .get("/internal/v1/tenants/" + tenant + "/connection")));
        List<Call> writes = List.of(
                new Call("create tenant", () -> as(operator).body(Map.of("id", Api.newTenantId("outage-new"),
                        "name", "New AS", "switchboardNumber", spare.switchboard(), "numbers", spare.numbers()))
                        .post("/api/v1/tenants")),
                new Call("patch tenant", () -> as(operator).body(Map.of("name", "Renamed AS"))
                        .patch("/api/v1/tenants/" + tenant)),
                new Call("put numbers", () -> as(operator).body(Map.of("ranges", List.of(Map.of("from",
                        spare.from(), "to", spare.to())))).put("/api/v1/tenants/" + tenant + "/numbers")),
                new Call("delete tenant", () -> as(operator).delete("/api/v1/tenants/" + doomed)),
                new Call("put exchange", () -> as(admin).body(ews()).put("/api/v1/tenants/" + tenant + "/exchange")),
                new Call("test exchange", () -> as(admin).body(Map.of("mailbox", "kari@acme.no"))
                        .post("/api/v1/tenants/" + tenant + "/exchange/test")),
                new Call("enrol", () -> as(admin).body(Map.of("email", "ola@acme.no",
                        "mobileNumber", Api.newMobile(tenant))).post(users)),
                new Call("bulk enrol", () -> as(admin).body(List.of(Map.of("email", "per@acme.no",
                        "mobileNumber", Api.newMobile(tenant)))).post(users + "/bulk")),
                new Call("patch user", () -> as(admin).body(Map.of("displayName", "Kari N."))
                        .patch(users + "/" + userId)),
                new Call("release login link", () -> as(admin).delete(users + "/" + userId + "/login")),
                new Call("un-enrol", () -> as(admin).delete(users + "/" + userId)),
                new Call("put calendar sync", () -> as(kari).body(Map.of("enabled", true))
                        .put("/api/v1/me/calendar-sync")),
                new Call("put status settings", () -> as(kari).body(Map.of("BUSY", Map.of("action", "VOICEMAIL")))
                        .put("/api/v1/me/status-settings")),
                new Call("re-encrypt secrets", () -> as(operator).post("/api/v1/admin/secrets/re-encrypt")));

        database.cut();
        try {
            for (Call call : concat(reads, writes)) {
                long started = System.nanoTime();
                Response response = call.send().get();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                Api.problem(response.then(), 503, ProblemTypes.UNAVAILABLE)
                        .header("Retry-After", matchesPattern("[1-9][0-9]*"));
                assertThat(took).as(call.name() + " answers promptly").isLessThan(PROMPT);
            }
        } finally {
            database.restore();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(admin).get("/api/v1/tenants/" + tenant).then().statusCode(200));
        for (Call call : reads) {
            assertThat(call.send().get().statusCode()).as(call.name() + " after the outage").isEqualTo(200);
        }
        as(kari).body(Map.of("BUSY", Map.of("action", "VOICEMAIL"))).put("/api/v1/me/status-settings")
                .then().statusCode(200);
    }

    private static Map<String, Object> ews() {
        return Map.of("kind", "EWS", "username", "svc-calroute", "password", "S3cret-Passw0rd!",
                "ewsUrl", "https://10.20.30.40/ews/exchange.asmx", "domain", "acme.no",
                "exchangeVersion", "Exchange2013_SP1");
    }

    private static List<Call> concat(List<Call> first, List<Call> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
