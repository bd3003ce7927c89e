package com.calroute.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm shipped in docker/keycloak (imported by Compose and bin/keycloak) against the token rules of issue 13:
 * short-lived access tokens, the Calroute API audience in every calroute client's access tokens, and no redirect
 * URIs of the e2e suite's console (those live in the e2e module's realm overlay only); and the identity rules: the
 * e-mail is the username and only an administrator may change it; and the login page speaks the console's two
 * languages (issue 15); every user has a fixed id, so a login's subject survives a re-import.
 */
class ShippedRealmTest {

    static final String AUDIENCE = "calroute-api";
    static final String E2E_CONSOLE_PORT = ":18090";

    private final JsonNode realm = read();

    @Test
    void accessTokensLiveAtMostFiveMinutes() {
        assertThat(realm.path("accessTokenLifespan").isInt()).as("accessTokenLifespan is set").isTrue();
        assertThat(realm.path("accessTokenLifespan").asInt()).isBetween(1, 300);
    }

    @Test
    void everyCalrouteClientPutsTheApiAudienceIntoItsAccessTokens() {
        List<String> clients = new ArrayList<>();
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            if (!id.startsWith("calroute-")) {
                continue;
            }
            clients.add(id);
            boolean mapped = false;
            for (JsonNode mapper : client.path("protocolMappers")) {
                JsonNode config = mapper.path("config");
                mapped |= "oidc-audience-mapper".equals(mapper.path("protocolMapper").asText())
                        && AUDIENCE.equals(config.path("included.custom.audience").asText())
                        && "true".equals(config.path("access.token.claim").asText())
                        && !"true".equals(config.path("id.token.claim").asText());
            }
            assertThat(mapped).as(id + " has an oidc-audience-mapper for " + AUDIENCE + " (access tokens only)").isTrue();
        }
        assertThat(clients).contains("calroute-cli", "calroute-console", "calroute-config-service",
                "calroute-sync-service", "calroute-call-control");
    }

    @Test
    void noClientAcceptsTheE2eSuitesRedirects() {
        List<String> leaks = new ArrayList<>();
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            for (String field : List.of("redirectUris", "webOrigins")) {
                client.path(field).forEach(uri -> {
                    if (uri.asText().contains(E2E_CONSOLE_PORT)) {
                        leaks.add(id + " " + field + ": " + uri.asText());
                    }
                });
            }
            String postLogout = client.path("attributes").path("post.logout.redirect.uris").asText();
            if (postLogout.contains(E2E_CONSOLE_PORT)) {
                leaks.add(id + " post.logout.redirect.uris: " + postLogout);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void usersCannotChangeTheirOwnEmailOrUsername() throws Exception {
        assertThat(realm.path("registrationEmailAsUsername").asBoolean()).as("the e-mail is the username").isTrue();
        assertThat(realm.path("editUsernameAllowed").asBoolean()).as("users cannot edit their username").isFalse();
        JsonNode profile = new ObjectMapper().readTree(realm.path("components")
                .path("org.keycloak.userprofile.UserProfileProvider").path(0).path("config")
                .path("kc.user.profile.config").path(0).asText());
        List<String> checked = new ArrayList<>();
        for (JsonNode attribute : profile.path("attributes")) {
            String name = attribute.path("name").asText();
            if (List.of("username", "email", "tenant").contains(name)) {
                checked.add(name);
                List<String> editors = new ArrayList<>();
                attribute.path("permissions").path("edit").forEach(role -> editors.add(role.asText()));
                assertThat(editors).as("who may edit " + name).containsExactly("admin");
            }
        }
        assertThat(checked).containsExactlyInAnyOrder("username", "email", "tenant");
    }

    @Test
    void theLoginPageSpeaksNorwegianAndEnglish() {
        assertThat(realm.path("internationalizationEnabled").asBoolean()).isTrue();
        List<String> locales = new ArrayList<>();
        realm.path("supportedLocales").forEach(locale -> locales.add(locale.asText()));
        // "no" is the id of Keycloak's own Norwegian (bokmål) messages; the console asks for it with ui_locales.
        assertThat(locales).containsExactlyInAnyOrder("en", "no");
        assertThat(realm.path("defaultLocale").asText()).isEqualTo("en");
        // Keycloak's Norwegian messages lack a few texts of the login page; without these they show in English.
        assertThat(realm.path("localizationTexts").path("no").path("loginAccountTitle").asText()).isEqualTo("Logg inn på kontoen din");
        assertThat(realm.path("localizationTexts").path("no").path("showPassword").asText()).isEqualTo("Vis passord");
    }

    /**
     * An enrolment is linked to its employee's login by the token's subject, the Keycloak user's id. Without an id in
     * the realm file every import (a new clone, a changed realm file) mints new ids while PostgreSQL keeps the links,
     * and the next bin/calroute up is refused with linked-to-another-login (a CI run failed exactly so).
     */
    @Test
    void everyDemoLoginKeepsItsSubjectAcrossImports() {
        List<String> ids = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            String id = user.path("id").asText();
            assertThat(id).as("id of %s", user.path("username").asText())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            ids.add(id);
        }
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Repo.read("docker/keycloak/calroute-realm.json"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the shipped realm", e);
        }
    }
}
