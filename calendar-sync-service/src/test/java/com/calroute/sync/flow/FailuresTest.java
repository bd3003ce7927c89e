package com.calroute.sync.flow;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.graph.GraphApp;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import com.calroute.sync.testsupport.Via;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broken settings and hostile answers, over EWS and over Graph: a wrong secret, a principal that may not read the
 * mailbox (no impersonation right / outside the RBAC for Applications scope), an unknown mailbox, an untrusted
 * certificate and a hostile answer (an XXE document / a cut-off JSON page) each give a plain-words health entry,
 * publish nothing for that user, and leave the service running for everyone else.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class FailuresTest {

    private static final String TENANT = "faults";

    /** What the admin reads for each broken setting, by connection kind. */
    private record Expected(String wrongSecret, String notAllowed, String hostile) {
        static Expected of(Via via) {
            return via == Via.EWS
                    ? new Expected("rejected the user name or password", "may not impersonate", "document type declaration")
                    : new Expected("AADSTS7000215", "New-ManagementRoleAssignment -App", "could not be read");
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void failuresAreExplainedAndContained(Via via) throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        Expected expected = Expected.of(via);
        String ok = via.mailbox("ok@faults.example");
        String hostile = via.mailbox("xxe@faults.example");
        String nobody = via.mailbox("nobody@faults.example");
        for (String mailbox : List.of(ok, hostile)) {
            Simulators.mailbox(sim, mailbox);
            sim.control().createAppointment(mailbox, Simulators.startingIn("Meeting", "PT2H", "PT1H", "Normal"));
        }
        sim.control().addFault(Map.of("mailbox", hostile, "kind", via == Via.EWS ? "XXE" : "GRAPH_MALFORMED",
                "count", 100_000));
        String tenant = via.tenant(TENANT);
        tenant(tenant, via.connection(tenant, 1));
        // Each broken setting gets its own tenant (a connection is per tenant).
        String wrongSecret = "wrong-secret-" + via.name();
        tenant(tenant + "-pw", via.withWrongSecret(tenant + "-pw", wrongSecret));
        tenant(tenant + "-imp", notAllowed(via, sim, tenant + "-imp", ok));
        tenant(tenant + "-tls", untrusted(via, sim, tenant + "-tls"));

        try (CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(tenant + "-pw", "u1", ok, true, 1);
            Topics.user(tenant + "-imp", "u1", ok, true, 1);
            Topics.user(tenant + "-tls", "u1", ok, true, 1);
            Topics.user(tenant, "nobody", nobody, true, 1);
            Topics.user(tenant, "xxe", hostile, true, 1);
            Topics.user(tenant, "ok", ok, true, 1);

            watcher.await(tenant + "/ok", 0, s -> !s.tombstone(), Duration.ofSeconds(20));
            assertThat(errorOf(tenant + "-pw", "u1", "unauthorized")).contains(expected.wrongSecret())
                    .doesNotContain(wrongSecret);
            assertThat(errorOf(tenant + "-imp", "u1", "impersonation-denied")).contains(ok).contains(expected.notAllowed());
            assertThat(errorOf(tenant + "-tls", "u1", "tls-untrusted")).contains("certificate");
            assertThat(errorOf(tenant, "nobody", "mailbox-not-found")).contains("no mailbox for " + nobody);
            String unsafe = via == Via.EWS ? "unsafe-answer" : "malformed-answer";
            assertThat(errorOf(tenant, "xxe", unsafe)).contains(expected.hostile());

            for (String key : List.of(tenant + "-pw/u1", tenant + "-imp/u1", tenant + "-tls/u1", tenant + "/nobody",
                    tenant + "/xxe")) {
                assertThat(watcher.of(key)).as("published for " + key).isEmpty();
            }
            given().when().get("/q/health/live").then().statusCode(200);
            given().when().get("/q/health/ready").then().statusCode(200);
        }
    }

    /** EWS: an account without impersonation rights; Graph: an app whose RBAC scope leaves the mailbox out. */
    private static ExchangeConnection notAllowed(Via via, EwsSimulator sim, String tenantId, String mailbox) {
        if (via == Via.EWS) {
            Simulators.account(sim, "svc-noimp", Simulators.PASSWORD, false);
            return Simulators.connection(tenantId, sim.httpEwsUrl(), "svc-noimp", Simulators.PASSWORD, 1, null);
        }
        String app = "3c4d5e6f-7a8b-4c9d-8e0f-a1b2c3d4e5f6";
        sim.graph().putApp(new GraphApp(app, Via.ENTRA_TENANT, Via.SECRET, List.of(), List.of("someone-else@faults.example"),
                3599));
        return Via.graph(tenantId, 1, app, Via.SECRET, Via.graphBase(sim));
    }

    /** The simulator's https endpoint, whose self-signed certificate neither the JVM nor the tenant trusts. */
    private static ExchangeConnection untrusted(Via via, EwsSimulator sim, String tenantId) {
        if (via == Via.EWS) {
            return Simulators.connection(tenantId, sim.httpsEwsUrl(), Simulators.ACCOUNT, Simulators.PASSWORD, 1, null);
        }
        return Via.graph(tenantId, 1, Via.sharedApp(), Via.SECRET, "https://" + Simulators.hostPort(sim.httpsEwsUrl()));
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
                .body("code", org.hamcrest.Matchers.equalTo("ok"))
                .body("params.mailbox", org.hamcrest.Matchers.equalTo("probe@faults.example"))
                .body("params.host", org.hamcrest.Matchers.notNullValue())
                .body("serverVersion", org.hamcrest.Matchers.equalTo("Exchange2013_SP1"));
        Map<String, Object> wrong = Map.of("connection", Simulators.connection("faults", sim.httpEwsUrl(),
                Simulators.ACCOUNT, "nope", 1, null), "mailbox", "probe@faults.example");
        given().contentType(ContentType.JSON).body(wrong).when().post("/internal/v1/connection-tests").then()
                .statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("step", org.hamcrest.Matchers.equalTo("AUTH"))
                .body("code", org.hamcrest.Matchers.equalTo("unauthorized"))
                .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("nope")));
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

    /** The user's last error as the admin of the tenant would read it (the store answers every replica alike). */
    private static String errorOf(String tenantId, String userId, String kind) {
        var store = io.quarkus.arc.Arc.container().instance(com.calroute.sync.health.SyncHealthStore.class).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var user = store.user(tenantId, userId);
            return user != null && user.lastError() != null;
        });
        var user = store.user(tenantId, userId);
        System.out.printf("health %s/%s: %s %s — %s%n", tenantId, userId, user.state(), user.lastErrorKind(),
                user.lastError());
        assertThat(user.state().name()).isEqualTo("ERROR");
        assertThat(user.lastErrorKind()).isEqualTo(kind);
        return user.lastError();
    }
}
