package com.calroute.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nobody becomes a colleague by taking the colleague's e-mail address, against the real Keycloak of the suite. An
 * employee's login is bound to their enrolment at their first sign-in (verified e-mail equal to the enrolled one);
 * after that the binding decides in config-service and routing-service. The shipped realm does not let users edit
 * their e-mail at all; where an operator's identity provider does (Keycloak's admin API stands in for one here),
 * the services still do not move the login to the colleague's enrolment.
 */
class IdentityIT {

    private static final String PASSWORD = "identity-test-password";

    private static Suite suite;
    private static KeycloakAdmin keycloak;
    private static final List<String> createdLogins = new ArrayList<>();

    @BeforeAll
    static void startSuite() {
        suite = Suite.get();
        keycloak = new KeycloakAdmin("http://localhost:" + Suite.KEYCLOAK_PORT);
    }

    @AfterAll
    static void removeLogins() {
        createdLogins.forEach(keycloak::deleteUser);
    }

    @Test
    void anEmployeeWhoTakesAColleaguesEmailDoesNotBecomeTheColleague() {
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 10000));
        String tenant = "lysaker-" + run;
        String block = "+4793" + run;
        String admin = "admin@" + tenant + ".example";
        String nils = "nils@" + tenant + ".example";
        String eva = "eva@" + tenant + ".example";
        String mallory = "mallory@" + tenant + ".example";
        String nilsMobile = block + "01";
        String evaMobile = block + "02";

        String operator = Api.token(suite.issuer(), "operator", "operator-password");
        Api.Response created = Api.post(suite.configUrl() + "/api/v1/tenants", operator, Map.of("id", tenant,
                "name", "Lysaker AS", "switchboardNumber", block + "00", "timeZone", "Europe/Oslo",
                "numbers", Map.of("ranges", List.of(Map.of("from", block + "00", "to", block + "99")))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        createdLogins.add(keycloak.createUser(admin, true, PASSWORD, tenant, "tenant-admin"));
        String nilsLogin = keycloak.createUser(nils, true, PASSWORD, tenant, "employee");
        createdLogins.add(nilsLogin);
        String adminToken = token(admin);
        String nilsId = enrol(adminToken, tenant, nils, nilsMobile);
        String evaId = enrol(adminToken, tenant, eva, evaMobile);

        // Nils signs in: his verified e-mail links his login to his enrolment.
        String nilsToken = token(nils);
        assertThat(Api.put(suite.configUrl() + "/api/v1/me/calendar-sync", nilsToken, Map.of("enabled", true)).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                Api.get(suite.routingUrl() + "/api/v1/me/status", nilsToken).text("number")).isEqualTo(nilsMobile));

        // Through Keycloak's account API the shipped realm takes a change it allows from his token, but not a new
        // e-mail: Keycloak answers 204 and leaves the read-only attribute as it was.
        String account = suite.issuer() + "/account/";
        Api.Response renamed = Api.post(account, nilsToken, Map.of("username", nils, "email", nils,
                "firstName", "Nils", "lastName", "Lysaker"));
        assertThat(renamed.status()).as("the account API accepts the user's own token: %s", renamed.body()).isEqualTo(204);
        Api.Response readdressed = Api.post(account, nilsToken, Map.of("username", nils, "email", eva,
                "firstName", "Nils", "lastName", "Lysaker"));
        System.out.printf("Keycloak's account API answered an e-mail change with %d %s%n", readdressed.status(),
                readdressed.body());
        assertThat(keycloak.user(nils).path("id").asText()).as("his login still has his own e-mail").isEqualTo(nilsLogin);
        assertThat(claims(token(nils)).path("email").asText()).isEqualTo(nils);

        // Someone else's login carrying Eva's address, unverified, claims nothing.
        createdLogins.add(keycloak.createUser(mallory, false, PASSWORD, tenant, "employee"));
        keycloak.changeEmail(keycloak.user(mallory).path("id").asText(), eva, false);
        String malloryToken = token(eva);
        assertThat(claims(malloryToken).path("email").asText()).isEqualTo(eva);
        Api.Response malloryOptsIn = Api.put(suite.configUrl() + "/api/v1/me/calendar-sync", malloryToken,
                Map.of("enabled", true));
        assertThat(malloryOptsIn.status()).as("%s", malloryOptsIn.body()).isEqualTo(403);
        assertThat(malloryOptsIn.text("type")).isEqualTo("urn:calroute:problem:email-not-verified");
        Api.Response malloryStatus = Api.get(suite.routingUrl() + "/api/v1/me/status", malloryToken);
        assertThat(malloryStatus.status()).isEqualTo(409);
        assertThat(malloryStatus.text("type")).isEqualTo("urn:calroute:problem:login-not-linked");
        keycloak.deleteUser(keycloak.user(eva).path("id").asText());
        createdLogins.remove(createdLogins.size() - 1);

        // Where an identity provider lets Nils change his e-mail to Eva's, he is still Nils.
        keycloak.changeEmail(nilsLogin, eva, false);
        String nilsAsEva = token(eva);
        assertThat(claims(nilsAsEva).path("email").asText()).isEqualTo(eva);
        Api.Response settings = Api.put(suite.configUrl() + "/api/v1/me/status-settings", nilsAsEva,
                Map.of("BUSY", Map.of("action", "VOICEMAIL")));
        assertThat(settings.status()).as("%s", settings.body()).isEqualTo(200);
        Api.Response evaAsAdminSeesHer = Api.get(suite.configUrl() + "/api/v1/tenants/" + tenant + "/users/" + evaId,
                adminToken);
        assertThat(evaAsAdminSeesHer.body().path("loginLinked").asBoolean()).isFalse();
        assertThat(evaAsAdminSeesHer.body().path("syncEnabled").asBoolean()).isFalse();
        assertThat(evaAsAdminSeesHer.body().path("version").asLong()).as("Eva's enrolment is untouched").isEqualTo(1);
        assertThat(Api.get(suite.routingUrl() + "/api/v1/me/status", nilsAsEva).text("number")).isEqualTo(nilsMobile);

        // The admin releases Nils's link: his login, now with an unverified address, claims nothing any more.
        Api.Response released = Api.delete(suite.configUrl() + "/api/v1/tenants/" + tenant + "/users/" + nilsId
                + "/login", adminToken);
        assertThat(released.status()).as("%s", released.body()).isEqualTo(200);
        assertThat(released.body().path("linked").asBoolean()).isFalse();
        assertThat(Api.get(suite.configUrl() + "/api/v1/me/calendar-sync", nilsAsEva).text("type"))
                .isEqualTo("urn:calroute:problem:email-not-verified");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                Api.get(suite.routingUrl() + "/api/v1/me/status", nilsAsEva).text("type"))
                .isEqualTo("urn:calroute:problem:login-not-linked"));
    }

    private static String token(String username) {
        return Api.token(suite.issuer(), username, PASSWORD);
    }

    private static String enrol(String adminToken, String tenant, String email, String mobile) {
        Api.Response enrolled = Api.post(suite.configUrl() + "/api/v1/tenants/" + tenant + "/users", adminToken,
                Map.of("email", email, "mobileNumber", mobile, "displayName", email));
        assertThat(enrolled.status()).as("%s", enrolled.body()).isEqualTo(201);
        return enrolled.text("id");
    }

    private static JsonNode claims(String jwt) {
        try {
            return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("not a JWT", e);
        }
    }
}
