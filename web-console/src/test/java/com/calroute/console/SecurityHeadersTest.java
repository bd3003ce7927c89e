package com.calroute.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page, script and setting comes with a strict Content-Security-Policy (own scripts and styles only, calls only
 * to Keycloak and the three APIs, never framed) and the other browser protections (issue 13).
 */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void everyResponseCarriesTheBrowserProtections() {
        for (String path : List.of("/", "/index.html", "/app.js", "/i18n.js", "/style.css", "/config.json", "/no-such-page")) {
            Response response = given().get(path);
            assertThat(response.header("Content-Security-Policy")).as(path).isNotBlank();
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @Test
    void thePolicyAllowsOnlyOwnCodeAndTheConfiguredOrigins() {
        Map<String, String> policy = Arrays.stream(given().get("/").header("Content-Security-Policy").split(";"))
                .map(String::trim).filter(d -> !d.isEmpty())
                .collect(Collectors.toMap(d -> d.split(" ")[0], d -> d.substring(d.indexOf(' ') + 1)));
        assertThat(policy).containsEntry("default-src", "'self'").containsEntry("script-src", "'self'")
                .containsEntry("style-src", "'self'").containsEntry("frame-ancestors", "'none'")
                .containsEntry("object-src", "'none'").containsEntry("base-uri", "'none'");
        assertThat(policy.get("connect-src").split(" ")).containsExactlyInAnyOrder("'self'", "http://localhost:8180",
                "http://localhost:8081", "http://localhost:8082", "http://localhost:8083");
        assertThat(String.join(" ", policy.values())).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void thePagesNeedNoInlineScriptOrStyle() {
        String page = given().get("/").asString();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style", " style=", " on");
    }
}
