package com.calroute.sync.flow;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broken settings and hostile answers: wrong password, missing impersonation right, unknown mailbox, an untrusted
 * certificate and an XXE answer each give a plain-words health entry, publish nothing for that user, and leave the
 * service running for everyone else.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class FailuresTest {

    private static final String TENANT = "faults";

    @Test
    @TestSecurity(user = "admin@faults.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = TENANT))
    void failuresAreExplainedAndContained() throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        Simulators.account(sim, "svc-noimp", Simulators.PASSWORD, false);
        for (String mailbox : List.of("ok@faults.example", "xxe@faults.example")) {
            Simulators.mailbox(sim, mailbox);
            sim.control().createAppointment(mailbox, Simulators.startingIn("Meeting", "PT2H", "PT1H", "Normal"));
        }
        sim.control().addFault(Map.of("mailbox", "xxe@faults.example", "kind", "XXE", "count", 100_000));
        FakeIdentityAndConfig.instance().putConnection(Simulators.httpConnection(TENANT, sim, 1));
        Topics.tenant(TENANT, false, 1, 1);
        // Each broken setting gets its own tenant (a connection is per tenant).
        tenant("faults-pw", Simulators.connection("faults-pw", sim.httpEwsUrl(), Simulators.ACCOUNT, "wrong-password", 1, null));
        tenant("faults-imp", Simulators.connection("faults-imp", sim.httpEwsUrl(), "svc-noimp", Simulators.PASSWORD, 1, null));
        tenant("faults-tls", Simulators.connection("faults-tls", sim.httpsEwsUrl(), Simulators.ACCOUNT, Simulators.PASSWORD, 1, null));

        try (CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user("faults-pw", "u1", "ok@faults.example", true, 1);
            Topics.user("faults-imp", "u1", "ok@faults.example", true, 1);
            Topics.user("faults-tls", "u1", "ok@faults.example", true, 1);
            Topics.user(TENANT, "nobody", "nobody@faults.example", true, 1);
            Topics.user(TENANT, "xxe", "xxe@faults.example", true, 1);
            Topics.user(TENANT, "ok", "ok@faults.example", true, 1);

            watcher.await(TENANT + "/ok", 0, s -> !s.tombstone(), Duration.ofSeconds(20));
            assertThat(error("faults-pw")).contains("rejected the user name or password").contains(Simulators.ACCOUNT)
                    .doesNotContain("wrong-password");
            assertThat(error("faults-imp")).contains("may not impersonate ok@faults.example")
                    .contains("ApplicationImpersonation");
            assertThat(error("faults-tls")).contains("certificate that is not trusted");
            assertThat(errorOf(TENANT, "nobody")).contains("no mailbox for nobody@faults.example");
            assertThat(errorOf(TENANT, "xxe")).contains("document type declaration");

            for (String key : List.of("faults-pw/u1", "faults-imp/u1", "faults-tls/u1", TENANT + "/nobody", TENANT + "/xxe")) {
                assertThat(watcher.of(key)).as("published for " + key).isEmpty();
            }
            given().when().get("/q/health/live").then().statusCode(200);
            given().when().get("/q/health/ready").then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "config-service", roles = "service")
    void connectionTestEndpointAnswersInPlainWords() {
        EwsSimulator sim = SharedSimulator.get();
        Simulators.mailbox(sim, "probe@faults.example");
        Map<String, Object> request = Map.of("connection", Simulators.httpConnection("faults", sim, 1),
                "mailbox", "probe@faults.example");
        given().contentType(ContentType.JSON).body(request).when().post("/internal/v1/connection-tests").then()
                .statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(true))
                .body("step", org.hamcrest.Matchers.equalTo("OK"))
                .body("serverVersion", org.hamcrest.Matchers.equalTo("Exchange2013_SP1"));
        Map<String, Object> wrong = Map.of("connection", Simulators.connection("faults", sim.httpEwsUrl(),
                Simulators.ACCOUNT, "nope", 1, null), "mailbox", "probe@faults.example");
        given().contentType(ContentType.JSON).body(wrong).when().post("/internal/v1/connection-tests").then()
                .statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("step", org.hamcrest.Matchers.equalTo("AUTH"));
    }

    @Test
    @TestSecurity(user = "admin@faults.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = TENANT))
    void connectionTestsAreForTheSuiteOnly() {
        given().contentType(ContentType.JSON).body(Map.of("mailbox", "x@y.z")).when()
                .post("/internal/v1/connection-tests").then().statusCode(403)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo(
                        "urn:calroute:problem:forbidden"));
    }

    private static void tenant(String tenantId, ExchangeConnection connection) {
        FakeIdentityAndConfig.instance().putConnection(connection);
        Topics.tenant(tenantId, false, 1, 1);
    }

    private static String error(String tenantId) {
        return errorOf(tenantId, "u1");
    }

    /** The user's last error as the admin of the tenant would read it (the store answers every replica alike). */
    private static String errorOf(String tenantId, String userId) {
        var store = io.quarkus.arc.Arc.container().instance(com.calroute.sync.health.SyncHealthStore.class).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var user = store.user(tenantId, userId);
            return user != null && user.lastError() != null;
        });
        var user = store.user(tenantId, userId);
        System.out.printf("health %s/%s: %s — %s%n", tenantId, userId, user.state(), user.lastError());
        assertThat(user.state().name()).isEqualTo("ERROR");
        return user.lastError();
    }
}
