package com.calroute.ewssim.graph;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side state behind the opaque {@code $skiptoken}s and {@code $deltatoken}s of calendarView delta. A delta
 * token names the view (app, mailbox, window) and what the client has been told about it (REST id → rendered
 * event); a skip token names the rest of a round still to be paged out and the delta token that ends it. Tokens are
 * bound to the app and mailbox that got them.
 */
final class DeltaRounds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Known> deltaTokens = new ConcurrentHashMap<>();
    private final Map<String, Pending> skipTokens = new ConcurrentHashMap<>();

    /** What a client knows after a round: the instances of the window as they were. */
    record Known(String appId, String mailbox, Instant from, Instant to, Map<String, Map<String, Object>> events) {
    }

    /** The remaining pages of a round, and the token that will close it. */
    record Pending(String appId, String mailbox, List<Map<String, Object>> items, int offset, String deltaToken) {
    }

    String saveDelta(Known known) {
        String token = newToken();
        deltaTokens.put(token, known);
        return token;
    }

    Known delta(String token) {
        return token == null ? null : deltaTokens.get(token);
    }

    String saveSkip(Pending pending) {
        String token = newToken();
        skipTokens.put(token, pending);
        return token;
    }

    Pending skip(String token) {
        return token == null ? null : skipTokens.get(token);
    }

    void clear() {
        deltaTokens.clear();
        skipTokens.clear();
    }

    private static String newToken() {
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
