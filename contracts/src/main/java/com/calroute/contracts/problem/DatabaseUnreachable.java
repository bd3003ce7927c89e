package com.calroute.contracts.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells "PostgreSQL cannot be reached right now" apart from every other failure, by the cause chain: an SQLState of
 * class 08 (connection exception: refused, broken, closed), 57P01–57P03 (the server is shutting down, crashed or not
 * accepting connections yet), the pool's acquisition time-out, or a socket that could not connect. Such a failure
 * says nothing about the request, so both services with a database answer it 503 with Retry-After rather than 500:
 * one rule, like the outbound-endpoint rule, so the two cannot drift.
 */
public final class DatabaseUnreachable {

    /** What Agroal's pool says when no connection became free (or could be made) within the acquisition time-out. */
    static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    /** The Retry-After of a database outage: long enough not to hammer a recovering database, short for a person. */
    public static final int RETRY_AFTER_SECONDS = 10;

    private DatabaseUnreachable() {
    }

    /** True when {@code failure}, or anything that caused it, means the database is unreachable. */
    public static boolean in(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (meansUnreachable(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.add(next);
                     next = next.getNextException()) {
                    if (meansUnreachable(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** What to log of such a failure: its root cause's class and message (no stack trace: an outage is no bug). */
    public static String rootCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        while (seen.add(root) && root.getCause() != null && !seen.contains(root.getCause())) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean meansUnreachable(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException) {
            return true;
        }
        if (!(cause instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"))) {
            return true;
        }
        return state == null && sql.getMessage() != null && sql.getMessage().contains(ACQUISITION_TIMEOUT);
    }
}
