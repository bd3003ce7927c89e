package com.calroute.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin REST API, as an identity-provider administrator uses it: creates the logins a test needs and
 * changes a login's e-mail the way an operator's own identity provider might let its users do.
 */
final class KeycloakAdmin {

    private final String baseUrl;
    private final String realmUrl;

    /** The admin API of the suite's Keycloak (bootstrap admin {@code admin}/{@code admin}, as bin/keycloak sets it). */
    KeycloakAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
        this.realmUrl = baseUrl + "/admin/realms/calroute";
    }

    /** Creates an enabled login with this e-mail (also its username), password, tenant claim and realm role. */
    String createUser(String email, boolean emailVerified, String password, String tenant, String role) {
        Api.Response created = Api.post(realmUrl + "/users", token(), Map.of(
                "username", email, "email", email, "emailVerified", emailVerified, "enabled", true,
                "firstName", "Test", "lastName", "Login",
                "attributes", Map.of("tenant", List.of(tenant)),
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        if (created.status() != 201) {
            throw new IllegalStateException("Keycloak did not create " + email + ": " + created.status() + " " + created.body());
        }
        String id = user(email).path("id").asText();
        JsonNode roleRepresentation = Api.get(realmUrl + "/roles/" + role, token()).body();
        Api.Response mapped = Api.post(realmUrl + "/users/" + id + "/role-mappings/realm", token(), List.of(roleRepresentation));
        if (mapped.status() != 204) {
            throw new IllegalStateException("Keycloak did not grant " + role + ": " + mapped.status());
        }
        return id;
    }

    /** The login with this e-mail (exact match). */
    JsonNode user(String email) {
        JsonNode found = Api.get(realmUrl + "/users?exact=true&email=" + Api.encode(email), token()).body();
        if (!found.isArray() || found.size() != 1) {
            throw new IllegalStateException("expected one Keycloak user with e-mail " + email + ", got " + found);
        }
        return found.get(0);
    }

    /** Re-addresses a login, as an identity provider that lets its users edit their e-mail would. */
    void changeEmail(String userId, String email, boolean emailVerified) {
        Api.Response updated = Api.put(realmUrl + "/users/" + userId, token(),
                Map.of("email", email, "emailVerified", emailVerified));
        if (updated.status() != 204) {
            throw new IllegalStateException("Keycloak did not change the e-mail: " + updated.status() + " " + updated.body());
        }
    }

    /** Deletes a login. */
    void deleteUser(String userId) {
        Api.delete(realmUrl + "/users/" + userId, token());
    }

    private String token() {
        return Api.tokenFor(baseUrl + "/realms/master",
                "grant_type=password&client_id=admin-cli&username=admin&password=admin");
    }
}
