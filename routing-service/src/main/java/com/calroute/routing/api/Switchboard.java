package com.calroute.routing.api;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.StatusState;
import com.calroute.routing.contract.ContractTypes;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.status.Status;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The switchboard view of one tenant: every enrolled user with what happens to their calls now and when that
 * changes next, busy users first, then those outside their working hours, then the soonest change — what switchboard
 * staff look at. Plain Java over the
 * routes the table holds, evaluated at one instant; subjects appear exactly where the user's own status shows them
 * (the tenant shares subjects and the item is of Normal sensitivity), never otherwise.
 */
public final class Switchboard {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;
    /** The page size when the client names none. */
    public static final int DEFAULT_SIZE = 50;

    private Switchboard() {
    }

    /** One user now: number, state (the busy type or override), action, target, until when, and the next change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String userId, String number, StatusState state, BusyType busyType, CallAction action,
                      String target, Instant since, Instant until, NextChange nextChange, String subject) {
    }

    /** What the user's call handling becomes at {@code at}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextChange(Instant at, StatusState state, CallAction action, String target) {
    }

    /** One page of the tenant's users, {@code total} of them matching, evaluated {@code asOf}. */
    public record Page(String tenantId, int page, int size, long total, Instant asOf, List<Row> items) {
    }

    /**
     * The page {@code page} of {@code size} rows of the tenant's {@code routes} matching {@code query} (digits of the
     * number, or the user id), as of {@code now}.
     */
    public static Page page(String tenantId, List<UserRoute> routes, Instant now, String query, int page, int size) {
        String digits = query == null ? "" : query.replaceAll("\\D", "");
        String text = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Row> rows = routes.stream()
                .filter(route -> text.isEmpty() || (!digits.isEmpty() && route.number().contains(digits))
                        || route.userId().toLowerCase(Locale.ROOT).contains(text))
                .map(route -> row(route, now))
                .sorted(ORDER)
                .toList();
        int from = (int) Math.min((long) page * size, rows.size());
        int to = Math.min(from + size, rows.size());
        return new Page(tenantId, page, size, rows.size(), now, rows.subList(from, to));
    }

    /**
     * Busy now first, then those outside their working hours (gone home rather than busy), then the available; within
     * each, the soonest change (none last), then by number.
     */
    static final Comparator<Row> ORDER = Comparator
            .comparingInt((Row row) -> row.state() == StatusState.AVAILABLE ? 2
                    : row.state() == StatusState.OUTSIDE_WORKING_HOURS ? 1 : 0)
            .thenComparing(row -> row.nextChange() == null ? Instant.MAX : row.nextChange().at())
            .thenComparing(Row::number);

    static Row row(UserRoute route, Instant now) {
        Status status = route.plan().statusAt(now);
        NextChange next = null;
        if (status.until() != null) {
            Status then = route.plan().statusAt(status.until());
            next = new NextChange(status.until(), ContractTypes.state(then.state()),
                    ContractTypes.callAction(then.action()), then.target());
        }
        return new Row(route.userId(), route.number(), ContractTypes.state(status.state()),
                ContractTypes.busyType(status.reason().busyType()), ContractTypes.callAction(status.action()),
                status.target(), status.since(), status.until(), next, status.reason().subject());
    }
}
