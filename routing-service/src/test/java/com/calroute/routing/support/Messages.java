package com.calroute.routing.support;

import com.calroute.contracts.GoldenSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Test input shaped exactly like the golden samples, with the ids, numbers, versions and items a test needs. */
public final class Messages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Messages() {
    }

    /** The issuer of the logins test users are bound to (tests' {@code @OidcSecurity} claims name it as {@code iss}). */
    public static final String ISSUER = "https://test.calroute.invalid/realms/calroute";

    /**
     * users.v1: the enrolled sample (BUSY→VOICEMAIL, OOF→FORWARD, WORKING_ELSEWHERE→SWITCHBOARD) as this user, bound
     * to the login {@link #ISSUER} + {@code "login-" + email} in lower case.
     */
    public static String user(String tenantId, String userId, String number, String email, long version) {
        return user(tenantId, userId, number, email, "login-" + email.toLowerCase(Locale.ROOT), version);
    }

    /** users.v1 as {@link #user(String, String, String, String, long)}, bound to {@code subject}, or unbound if null. */
    public static String user(String tenantId, String userId, String number, String email, String subject, long version) {
        ObjectNode user = sample("users-enrolled.json");
        user.put("tenantId", tenantId).put("userId", userId).put("mobileNumber", number).put("email", email)
                .put("version", version);
        if (subject == null) {
            user.putNull("login");
        } else {
            user.putObject("login").put("issuer", ISSUER).put("subject", subject);
        }
        return user.toString();
    }

    /** users.v1 as {@link #user(String, String, String, String, long)}, forwarding to {@code oofTarget} while OOF. */
    public static String userForwardingWhenOof(String tenantId, String userId, String number, String email,
                                               String oofTarget, long version) {
        ObjectNode user = (ObjectNode) read(user(tenantId, userId, number, email, version));
        ((ObjectNode) user.get("statusSettings").get("OOF")).put("action", "FORWARD").put("target", oofTarget);
        return user.toString();
    }

    /** users.v1 as {@link #user(String, String, String, String, long)}, with this action outside working hours. */
    public static String userOutsideWorkingHours(String tenantId, String userId, String number, String email,
                                                 String action, long version) {
        ObjectNode user = (ObjectNode) read(user(tenantId, userId, number, email, version));
        user.putObject("outsideWorkingHours").put("action", action);
        return user.toString();
    }

    /** tenants.v1: the EWS sample as this tenant with this switchboard. */
    public static String tenant(String tenantId, String switchboard, long version) {
        ObjectNode tenant = sample("tenants-ews.json");
        tenant.put("tenantId", tenantId).put("switchboardNumber", switchboard).put("version", version);
        return tenant.toString();
    }

    /** calendar.v1: the snapshot sample's shape with a window around now and these items. */
    public static String calendar(String tenantId, String userId, long version, ObjectNode... items) {
        ObjectNode calendar = sample("calendar-snapshot.json");
        Instant now = Instant.now();
        calendar.put("tenantId", tenantId).put("userId", userId).put("version", version)
                .put("windowStart", now.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("windowEnd", now.plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("calendarAsOf", now.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("publishedAt", now.toString());
        // The sample's scheduled automatic replies would make every test user away over Christmas, and its working
        // hours outside them every evening and weekend.
        calendar.putNull("automaticReplies");
        calendar.putNull("workingHours");
        ArrayNode list = calendar.putArray("items");
        for (ObjectNode item : items) {
            list.add(item);
        }
        return calendar.toString();
    }

    /** calendar.v1 as {@link #calendar}, without items, working every day from {@code startMinute} to {@code endMinute}. */
    public static String calendarWithWorkingHours(String tenantId, String userId, long version, String timeZone,
                                                  int startMinute, int endMinute) {
        ObjectNode calendar = (ObjectNode) read(calendar(tenantId, userId, version));
        ObjectNode period = calendar.putObject("workingHours").put("timeZone", timeZone).putArray("periods").addObject();
        period.putArray("days").add("MONDAY").add("TUESDAY").add("WEDNESDAY").add("THURSDAY").add("FRIDAY")
                .add("SATURDAY").add("SUNDAY");
        period.put("startMinute", startMinute).put("endMinute", endMinute);
        return calendar.toString();
    }

    /** A timed item of the snapshot sample's shape. */
    public static ObjectNode item(String itemId, Instant start, Instant end, String busyType) {
        ObjectNode item = (ObjectNode) sample("calendar-snapshot.json").get("items").get(0);
        item.put("itemId", itemId).put("start", start.toString()).put("end", end.toString())
                .put("busyType", busyType);
        // The sample's first item shows a subject code; a test's items carry one only where it says so.
        item.putNull("subjectCode").putNull("subjectCodeMark").putNull("category");
        return item;
    }

    /** A timed item as {@link #item}, whose subject started with {@code code} and {@code mark}, tagged {@code category}. */
    public static ObjectNode codedItem(String itemId, Instant start, Instant end, String busyType, String code,
                                       String mark, String category) {
        ObjectNode item = item(itemId, start, end, busyType);
        if (code != null) {
            item.put("subjectCode", code).put("subjectCodeMark", mark);
        }
        if (category != null) {
            item.put("category", category);
        }
        return item;
    }

    /** users.v1 as {@link #user(String, String, String, String, long)}, named and announcing as told. */
    public static String userAnnouncing(String tenantId, String userId, String number, String email, String displayName,
                                        boolean announcement, long version) {
        ObjectNode user = (ObjectNode) read(user(tenantId, userId, number, email, version));
        user.put("displayName", displayName).put("announcement", announcement);
        return user.toString();
    }

    /** tenants.v1 as {@link #tenant}, in {@code country} (its language for announcements). */
    public static String tenantIn(String tenantId, String switchboard, String country, long version) {
        ObjectNode tenant = (ObjectNode) read(tenant(tenantId, switchboard, version));
        tenant.put("country", country);
        return tenant.toString();
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    private static ObjectNode sample(String file) {
        try {
            return (ObjectNode) MAPPER.readTree(GoldenSamples.json(file));
        } catch (Exception e) {
            throw new IllegalStateException("golden sample " + file + " unreadable", e);
        }
    }
}
