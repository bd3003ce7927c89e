package com.calroute.sync.source;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;

import java.util.EnumMap;
import java.util.Map;

/** The one place that picks a tenant's {@link CalendarSource} by its connection kind. */
public final class CalendarSources {

    private final Map<ConnectionKind, CalendarSource> byKind = new EnumMap<>(ConnectionKind.class);

    public CalendarSources(CalendarSource ews, CalendarSource graph) {
        for (ConnectionKind kind : ConnectionKind.values()) {
            byKind.put(kind, kind == ConnectionKind.GRAPH ? graph : ews);
        }
    }

    /** The source for {@code connection}. */
    public CalendarSource of(ExchangeConnection connection) {
        return byKind.get(connection.kind() == null ? ConnectionKind.EWS : connection.kind());
    }

    /** Tests a connection live with its source. */
    public ConnectionTestResult test(ExchangeConnection connection, String mailbox) {
        return of(connection).test(connection, mailbox);
    }

    /** Every source lets go of what it keeps for the tenant. */
    public void forget(String tenantId) {
        byKind.values().stream().distinct().forEach(source -> source.forget(tenantId));
    }
}
