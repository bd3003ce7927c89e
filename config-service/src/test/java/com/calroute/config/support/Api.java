package com.calroute.config.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * A block of 1,000 numbers no other tenant of this test run holds ({@code +479kkkk000}–{@code +479kkkk999}); its
     * first number serves as the switchboard. The test database is fresh per run, so a counter is enough.
     */
    public record NumberBlock(String prefix) {

        public String from() {
            return prefix + "000";
        }

        public String to() {
            return prefix + "999";
        }

        public String switchboard() {
            return from();
        }

        /** The block as the {@code numbers} field of a tenant: {"ranges":[{"from":…,"to":…}]}. */
        public Map<String, Object> numbers() {
            return Map.of("ranges", List.of(Map.of("from", from(), "to", to())));
        }
    }

    private static final AtomicInteger BLOCKS = new AtomicInteger();
    private static final Map<String, NumberBlock> TENANT_BLOCKS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> NEXT_MOBILE = new ConcurrentHashMap<>();
    private static final AtomicLong UNOWNED = new AtomicLong(new Random().nextInt(1_000_000));

    /** A fresh block of numbers for a tenant a test creates itself. */
    public static NumberBlock newNumberBlock() {
        return new NumberBlock("+479" + String.format("%04d", BLOCKS.getAndIncrement()));
    }

    /** A mobile number of this tenant (created by {@link #createTenant}) that no other test uses. */
    public static String newMobile(String tenantId) {
        NumberBlock block = TENANT_BLOCKS.get(tenantId);
        if (block == null) {
            throw new IllegalArgumentException("tenant " + tenantId + " was not created through Api.createTenant");
        }
        int next = NEXT_MOBILE.get(tenantId).getAndIncrement();
        if (next > 999) {
            throw new IllegalStateException("tenant " + tenantId + " has used up its test numbers");
        }
        return block.prefix() + String.format("%03d", next);
    }

    /** A valid mobile number no test tenant holds (the 4xxxxxxx series is never handed out in blocks). */
    public static String unownedMobile() {
        return "+474" + String.format("%07d", UNOWNED.getAndIncrement() % 10_000_000);
    }

    /** Creates a tenant as the operator, with a block of numbers of its own. */
    public static String createTenant(String prefix) {
        String id = newTenantId(prefix);
        createTenantWithId(id);
        return id;
    }

    /** Creates the tenant with this id as the operator, with a block of numbers of its own. */
    public static NumberBlock createTenantWithId(String id) {
        NumberBlock block = newNumberBlock();
        as(TestTokens.operator())
                .body(Map.of("id", id, "name", "Tenant " + id, "switchboardNumber", block.switchboard(),
                        "numbers", block.numbers()))
                .post("/api/v1/tenants")
                .then().statusCode(201);
        TENANT_BLOCKS.put(id, block);
        NEXT_MOBILE.put(id, new AtomicInteger(1));
        return block;
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
