package com.calroute.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ConfigResourceTest {

    @Test
    void theBrowserGetsTheIssuerThePublicClientAndTheApiBaseUrls() {
        given().get("/config.json").then().statusCode(200)
                .body("issuer", equalTo("http://localhost:8180/realms/calroute"))
                .body("clientId", equalTo("calroute-console"))
                .body("configApi", equalTo("http://localhost:8081"))
                .body("syncApi", equalTo("http://localhost:8082"))
                .body("routingApi", equalTo("http://localhost:8083"));
    }

    @Test
    void thePagesAreServedWithALanguageAndTheScripts() {
        given().get("/").then().statusCode(200).body(containsString("<html lang="))
                .body(containsString("app.js"));
        given().get("/app.js").then().statusCode(200).body(containsString("./auth.js"));
        given().get("/auth.js").then().statusCode(200).body(containsString("code_challenge_method"));
        given().get("/i18n.js").then().statusCode(200).body(containsString("nb"));
        // The page modules and the texts are served beside them (plain ES modules, no build step).
        given().get("/pages/calls.js").then().statusCode(200).body(containsString("export async function callsPage"));
        given().get("/texts/nb.js").then().statusCode(200).body(containsString("Mine samtaler"));
    }
}
