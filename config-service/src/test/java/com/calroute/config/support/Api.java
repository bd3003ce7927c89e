package com.calroute.config.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Short-hands for calling the API as someone, and for setting up tenants and users through it. */
public final class Api {

    private Api() {
    }

    /** A JSON request with this bearer token. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A tenant id no other test uses. */
    public static String newTenantId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A mobile number no other test uses. */
    public static String newMobile() {
        return "+479" + String.format("%07d", MOBILES.getAndIncrement() % 10_000_000);
    }

    private static final AtomicLong MOBILES = new AtomicLong(new Random().nextInt(9_000_000));

    /** Creates a tenant as the operator. */
    public static String createTenant(String prefix) {
        String id = newTenantId(prefix);
        as(TestTokens.operator())
                .body(Map.of("id", id, "name", "Tenant " + id, "switchboardNumber", "+4722000000"))
                .post("/api/v1/tenants")
                .then().statusCode(201);
        return id;
    }

    /** Enrols a user as the tenant's admin and returns the new user id. */
    public static String enrol(String tenantId, String email, String mobile) {
        return as(TestTokens.tenantAdmin(tenantId))
                .body(Map.of("email", email, "mobileNumber", mobile, "displayName", "User " + email))
                .post("/api/v1/tenants/" + tenantId + "/users")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Asserts a problem+json answer with this status and type. */
    public static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", equalTo(type));
    }
}
