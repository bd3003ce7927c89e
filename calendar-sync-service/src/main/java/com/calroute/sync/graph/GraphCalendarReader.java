package com.calroute.sync.graph;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.CodeBook;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one mailbox's window with {@code GET /users/{id}/calendarView/delta}: the first round pages through
 * {@code @odata.nextLink}s to the {@code @odata.deltaLink}; later reads continue from that link and apply only what
 * changed ({@code @removed} entries drop items). The state is kept per mailbox in a {@link DeltaStore}; a moved
 * window, a changed subject-sharing setting, code book or connection, or a token Graph no longer knows (410) starts a new
 * round. The result is the whole window, exactly what the EWS reader returns for the same calendar.
 */
public final class GraphCalendarReader {
    private static final Map<String, String> PREFER = Map.of("Prefer",
            "outlook.timezone=\"UTC\", odata.maxpagesize=");

    private final GraphClient client;
    private final DeltaStore store;
    private final int pageSize;

    public GraphCalendarReader(GraphClient client, DeltaStore store, int pageSize) {
        this.client = client;
        this.store = store;
        this.pageSize = Math.max(1, Math.min(pageSize, 1000));
    }

    public List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects)
            throws GraphException, InterruptedException {
        return read(connection, mailbox, window, withSubjects, CodeBook.NONE);
    }

    /**
     * The window's items, each with what it matched of {@code codes}; state built with another code book is not
     * continued, since its items were matched against that book.
     */
    public List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects,
                              CodeBook codes) throws GraphException, InterruptedException {
        String key = mailbox.toLowerCase(Locale.ROOT);
        DeltaStore.State state = store.load(connection.tenantId(), key);
        boolean resume = state != null && state.deltaLink() != null && state.windowStart().equals(window.start())
                && state.windowEnd().equals(window.end()) && state.withSubjects() == withSubjects
                && state.connectionVersion() == connection.connectionVersion()
                && state.codeBook().equals(codes.fingerprint());
        if (resume) {
            try {
                return round(connection, key, window, withSubjects, codes, state.deltaLink(), new LinkedHashMap<>(state.items()));
            } catch (GraphException e) {
                if (!deltaTokenExpired(e)) {
                    throw e;
                }
                store.forget(connection.tenantId(), key);
            }
        }
        String first = GraphClient.graphBase(connection) + "/v1.0/users/" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "/calendarView/delta?startDateTime=" + window.start() + "&endDateTime=" + window.end();
        return round(connection, key, window, withSubjects, codes, first, new LinkedHashMap<>());
    }

    /**
     * A delta page as Graph sends it: an object with a {@code value} array and either a next or a delta link. An
     * answer that is anything else (a proxy's page, a broken or hostile server) must not become an empty calendar.
     */
    static JsonNode deltaPage(JsonNode page) throws GraphException {
        boolean shaped = page != null && page.isObject() && page.path("value").isArray()
                && (page.path("@odata.nextLink").isTextual() || page.path("@odata.deltaLink").isTextual());
        if (!shaped) {
            throw new GraphException(200, "MalformedResponse", "not a delta page", null, null);
        }
        return page;
    }

    /**
     * Microsoft: an expired delta token is "a 40X-series error with error codes such as syncStateNotFound", or a
     * synchronisation reset (410 Gone); either way the answer is a new round without a token.
     */
    static boolean deltaTokenExpired(GraphException e) {
        if (e.status() == 410) {
            return true;
        }
        return e.status() >= 400 && e.status() < 500 && e.code() != null
                && ("syncStateNotFound".equalsIgnoreCase(e.code()) || "resyncRequired".equalsIgnoreCase(e.code()));
    }

    private List<RawItem> round(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects,
            CodeBook codes, String url, Map<String, RawItem> items) throws GraphException, InterruptedException {
        Map<String, String> headers = Map.of("Prefer", PREFER.get("Prefer") + pageSize);
        String next = url;
        while (true) {
            JsonNode page = deltaPage(client.get(connection, next, mailbox, headers));
            for (JsonNode event : page.get("value")) {
                String id = GraphItems.ewsId(event.path("id").asText(null));
                if (id == null) {
                    continue;
                }
                if (GraphItems.removed(event)) {
                    items.remove(id);
                    continue;
                }
                RawItem item = GraphItems.toRaw(event, withSubjects, codes);
                if (item != null) {
                    items.put(id, item);
                }
            }
            if (page.hasNonNull("@odata.nextLink")) {
                next = page.get("@odata.nextLink").asText();
                continue;
            }
            String deltaLink = page.path("@odata.deltaLink").asText(null);
            store.save(connection.tenantId(), mailbox, new DeltaStore.State(window.start(), window.end(), withSubjects,
                    connection.connectionVersion(), deltaLink, Map.copyOf(items), codes.fingerprint()));
            return new ArrayList<>(items.values());
        }
    }
}
