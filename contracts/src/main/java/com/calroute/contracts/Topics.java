package com.calroute.contracts;

/** Topic names and the record-key convention shared by every producer and consumer of Calroute's topics. */
public final class Topics {

    /** Tenant settings routing and sync need (compacted, key {@code tenantId}). */
    public static final String TENANTS = "calroute.tenants.v1";
    /** Enrolled users and their settings (compacted, key {@code tenantId/userId}). */
    public static final String USERS = "calroute.users.v1";
    /** Each mailbox's complete normalised calendar window (compacted, key {@code tenantId/userId}). */
    public static final String CALENDAR = "calroute.calendar.v1";
    /** Each user's call-handling status (compacted, key {@code tenantId/userId}). */
    public static final String STATUS = "calroute.status.v1";

    private Topics() {
    }

    /** The record key of a user on the users, calendar and status topics. */
    public static String userKey(String tenantId, String userId) {
        return tenantId + "/" + userId;
    }

    /** The tenant id of a {@code tenantId/userId} key. */
    public static String tenantOf(String userKey) {
        int slash = userKey.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a tenantId/userId key: " + userKey);
        }
        return userKey.substring(0, slash);
    }

    /** The user id of a {@code tenantId/userId} key. */
    public static String userOf(String userKey) {
        int slash = userKey.indexOf('/');
        if (slash <= 0 || slash == userKey.length() - 1) {
            throw new IllegalArgumentException("not a tenantId/userId key: " + userKey);
        }
        return userKey.substring(slash + 1);
    }
}
