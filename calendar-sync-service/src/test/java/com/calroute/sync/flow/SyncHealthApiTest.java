package com.calroute.sync.flow;

import com.calroute.sync.health.NotificationHealth;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.testsupport.SyncTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Who may read sync health and ask for a resync, and the problem bodies everyone else gets. */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class SyncHealthApiTest {

    @Inject
    SyncHealthStore store;

    @Inject
    NotificationHealth notifications;

    @Test
    void anonymousCallersAreUnauthenticated() {
        given().when().get("/api/v1/tenants/acme-api/sync-health").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:calroute:problem:unauthenticated"));
        given().auth().oauth2("not-a-token").when().get("/api/v1/tenants/acme-api/sync-health").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "kari@acme-api.example", roles = "employee")
    @OidcSecurity(claims = @Claim(key = "tenant", value = "acme-api"))
    void employeesMayNotReadSyncHealth() {
        given().when().get("/api/v1/tenants/acme-api/sync-health").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:calroute:problem:forbidden"));
    }

    @Test
    @TestSecurity(user = "admin@acme-api.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = "acme-api"))
    void aRequestTheApiCannotServeIsAProblemOfItsOwnStatusNotAnInternalError() {
        // Once the catch-all mapper answered these 500 "Internal error" and logged an incident.
        given().accept("application/xml").when().get("/api/v1/tenants/acme-api/sync-health").then().statusCode(406)
                .contentType("application/problem+json").body("status", equalTo(406))
                .body("type", equalTo("urn:calroute:problem:malformed-request"));
        given().when().delete("/api/v1/tenants/acme-api/sync-health").then().statusCode(405)
                .contentType("application/problem+json");
        given().when().get("/api/v1/tenants/acme-api/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:calroute:problem:not-found"));
    }

    @Test
    @TestSecurity(user = "admin@other.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = "other-api"))
    void anotherTenantsAdminSeesNothing() {
        store.failed("acme-api", "u-1", "unauthorized", "Exchange rejected the user name or password");
        given().when().get("/api/v1/tenants/acme-api/sync-health").then().statusCode(404)
                .body("type", equalTo("urn:calroute:problem:not-found"));
        given().when().post("/api/v1/tenants/acme-api/users/u-1/resync").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin@summary.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = "summary"))
    void aUserWhoseLastSuccessIsNewerThanTheLastErrorDoesNotCountAsFailing() {
        // A slow read that failed is recorded after a later read that succeeded: the state says ERROR, but the
        // success is newer than the error, so the user does not count as failing.
        store.succeeded("summary", "recovered", Instant.now().plusSeconds(5));
        store.failed("summary", "recovered", "timeout", "Exchange did not answer in time");
        store.succeeded("summary", "failing", Instant.now().minusSeconds(60));
        store.failed("summary", "failing", "unauthorized", "Exchange rejected the user name or password");
        store.pending(List.of(new SyncHealthStore.Enrolled("summary", "new")));
        store.off("summary", "away");
        given().when().get("/api/v1/tenants/summary/sync-health").then().statusCode(200)
                .body("summary.failing", equalTo(1)).body("summary.syncing", equalTo(1))
                .body("summary.pending", equalTo(1)).body("summary.off", equalTo(1))
                .body("summary.lastSuccess", notNullValue());
        // The state filter follows the same rule: the recovered user is OK, not FAILING.
        given().when().get("/api/v1/tenants/summary/sync-health?state=FAILING").then().statusCode(200)
                .body("total", equalTo(1)).body("users.userId", contains("failing"))
                .body("users[0].lastErrorKind", equalTo("unauthorized"));
        given().when().get("/api/v1/tenants/summary/sync-health?state=OK").then().statusCode(200)
                .body("total", equalTo(1)).body("users.userId", contains("recovered"));
        given().when().get("/api/v1/tenants/summary/sync-health?state=PENDING").then().body("users.userId", contains("new"));
        given().when().get("/api/v1/tenants/summary/sync-health?state=OFF").then().body("users.userId", contains("away"));
        // The users of a console page, by id (unknown ids simply match nothing); with a state, both apply.
        given().when().get("/api/v1/tenants/summary/sync-health?userIds=away,failing,nobody").then().statusCode(200)
                .body("total", equalTo(2)).body("users.userId", contains("away", "failing"))
                .body("summary.failing", equalTo(1));
        given().when().get("/api/v1/tenants/summary/sync-health?userIds=away,failing&state=FAILING").then()
                .body("users.userId", contains("failing"));
        given().when().get("/api/v1/tenants/summary/sync-health?state=ERROR&userIds="
                        + String.join(",", java.util.stream.IntStream.rangeClosed(1, 201).mapToObj(i -> "u" + i)
                        .toList())).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("state", "userIds"))
                .body("errors.find { it.field == 'state' }.code", equalTo("not-allowed-value"))
                .body("errors.find { it.field == 'userIds' }.code", equalTo("too-many"))
                .body("errors.find { it.field == 'userIds' }.params.max", equalTo("200"));
    }

    @Test
    @TestSecurity(user = "admin@streams.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = "streams"))
    void usersWhoseNotificationsLagShowUntilTheFeedFollowsThemAgain() {
        Instant firstBreak = Instant.parse("2026-12-05T08:00:00Z");
        store.succeeded("streams", "kari", Instant.now());
        store.succeeded("streams", "ola", Instant.now());
        store.succeeded("streams", "per", Instant.now());
        store.off("streams", "away");
        notifications.lagging("streams", List.of("kari", "ola", "away"), firstBreak);
        notifications.lagging("streams", List.of("kari"), firstBreak.plusSeconds(30));
        notifications.write();
        given().when().get("/api/v1/tenants/streams/sync-health").then().statusCode(200)
                .body("summary.notificationsLagging", equalTo(2))
                .body("summary.notificationsLaggingSince", equalTo("2026-12-05T08:00:00Z"))
                .body("summary.syncing", equalTo(3))
                .body("users.find { it.userId == 'kari' }.notificationsLaggingSince", equalTo("2026-12-05T08:00:00Z"))
                .body("users.find { it.userId == 'per' }.notificationsLaggingSince", nullValue());

        notifications.live("streams", List.of("kari", "ola"));
        notifications.write();
        given().when().get("/api/v1/tenants/streams/sync-health").then().statusCode(200)
                .body("summary.notificationsLagging", equalTo(0))
                .body("users.find { it.userId == 'kari' }.notificationsLaggingSince", nullValue());
    }

    @Test
    @TestSecurity(user = "admin@acme-api.example", roles = "tenant-admin")
    @OidcSecurity(claims = @Claim(key = "tenant", value = "acme-api"))
    void theTenantAdminPagesThroughPlainWordsAndMayAskForResync() {
        store.failed("acme-api", "u-1", "unauthorized", "Exchange rejected the user name or password");
        store.off("acme-api", "u-2");
        given().when().get("/api/v1/tenants/acme-api/sync-health?size=1").then().statusCode(200)
                .body("total", equalTo(2)).body("users", hasSize(1))
                .body("users[0].userId", equalTo("u-1")).body("users[0].state", equalTo("ERROR"))
                .body("users[0].lastError", equalTo("Exchange rejected the user name or password"));
        given().when().get("/api/v1/tenants/acme-api/sync-health?size=500").then().statusCode(400)
                .body("type", equalTo("urn:calroute:problem:validation"))
                .body("errors[0].field", equalTo("size")).body("errors[0].code", equalTo("out-of-range"));
        given().when().post("/api/v1/tenants/acme-api/users/u-1/resync").then().statusCode(202);
        given().when().post("/api/v1/tenants/acme-api/users/u-2/resync").then().statusCode(409);
        given().when().post("/api/v1/tenants/acme-api/users/u-404/resync").then().statusCode(404);
    }
}
