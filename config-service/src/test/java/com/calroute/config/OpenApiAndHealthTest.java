package com.calroute.config;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class OpenApiAndHealthTest {

    /** Every endpoint and the roles it allows. */
    private static final Map<String, List<String>> ROLES = Map.ofEntries(
            Map.entry("post /api/v1/tenants", List.of("operator")),
            Map.entry("get /api/v1/tenants", List.of("operator")),
            Map.entry("get /api/v1/tenants/{tenantId}", List.of("operator", "tenant-admin")),
            Map.entry("patch /api/v1/tenants/{tenantId}", List.of("operator", "tenant-admin")),
            Map.entry("delete /api/v1/tenants/{tenantId}", List.of("operator")),
            Map.entry("get /api/v1/tenants/{tenantId}/numbers", List.of("operator", "tenant-admin")),
            Map.entry("put /api/v1/tenants/{tenantId}/numbers", List.of("operator")),
            Map.entry("get /api/v1/tenants/{tenantId}/calendar-codes", List.of("operator", "tenant-admin")),
            Map.entry("put /api/v1/tenants/{tenantId}/calendar-codes", List.of("tenant-admin")),
            Map.entry("get /api/v1/tenants/{tenantId}/exchange", List.of("tenant-admin")),
            Map.entry("put /api/v1/tenants/{tenantId}/exchange", List.of("tenant-admin")),
            Map.entry("post /api/v1/tenants/{tenantId}/exchange/test", List.of("tenant-admin")),
            Map.entry("get /api/v1/tenants/{tenantId}/users", List.of("tenant-admin")),
            Map.entry("post /api/v1/tenants/{tenantId}/users", List.of("tenant-admin")),
            Map.entry("post /api/v1/tenants/{tenantId}/users/bulk", List.of("tenant-admin")),
            Map.entry("get /api/v1/tenants/{tenantId}/users/{userId}", List.of("tenant-admin")),
            Map.entry("patch /api/v1/tenants/{tenantId}/users/{userId}", List.of("tenant-admin")),
            Map.entry("delete /api/v1/tenants/{tenantId}/users/{userId}", List.of("tenant-admin")),
            Map.entry("get /api/v1/tenants/{tenantId}/users/{userId}/login", List.of("tenant-admin")),
            Map.entry("delete /api/v1/tenants/{tenantId}/users/{userId}/login", List.of("tenant-admin")),
            Map.entry("get /api/v1/me/calendar-sync", List.of("employee")),
            Map.entry("put /api/v1/me/calendar-sync", List.of("employee")),
            Map.entry("get /api/v1/me/status-settings", List.of("employee")),
            Map.entry("put /api/v1/me/status-settings", List.of("employee")),
            Map.entry("get /api/v1/me/invitations", List.of("employee")),
            Map.entry("put /api/v1/me/invitations", List.of("employee")),
            Map.entry("get /api/v1/me/priority-callers", List.of("employee")),
            Map.entry("put /api/v1/me/priority-callers", List.of("employee")),
            Map.entry("get /api/v1/me/announcement", List.of("employee")),
            Map.entry("put /api/v1/me/announcement", List.of("employee")),
            Map.entry("post /api/v1/admin/secrets/re-encrypt", List.of("operator")),
            Map.entry("get /internal/v1/tenants/{tenantId}/connection", List.of("service")));

    @Test
    void openApiListsEveryEndpointWithItsRoles() {
        JsonPath document = RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        long operations = paths.values().stream().mapToLong(item -> item.keySet().stream()
                .filter(k -> List.of("get", "put", "post", "patch", "delete").contains(k)).count()).sum();
        assertThat(operations).isEqualTo(ROLES.size());
        ROLES.forEach((operation, roles) -> {
            String[] parts = operation.split(" ");
            Map<String, Object> op = document.getMap("paths.'" + parts[1] + "'." + parts[0]);
            assertThat(op).as(operation).isNotNull();
            assertThat(String.valueOf(op.get("description"))).as(operation + " description")
                    .contains("Roles: " + String.join(", ", roles));
            @SuppressWarnings("unchecked")
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) op.get("security");
            assertThat(security).as(operation + " security").isNotEmpty();
            assertThat(security.get(0).values().iterator().next()).containsExactlyInAnyOrderElementsOf(roles);
        });
    }

    @Test
    void healthMetricsAreServed() {
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health").then().body(containsString("outbox-relay"));
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("calroute_outbox_pending"));
    }
}
