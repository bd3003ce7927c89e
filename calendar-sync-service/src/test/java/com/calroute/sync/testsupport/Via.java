package com.calroute.sync.testsupport;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.graph.GraphApp;

import java.util.List;

/**
 * The two ways a tenant reaches its mailboxes — EWS with impersonation (on-premises Exchange) and Microsoft Graph
 * with an app-only token (Exchange Online) — so that one scenario runs over both against the same simulator and
 * must publish the same messages. Each kind names its own tenants and mailboxes ({@link #tenant}, {@link #mailbox}),
 * so the two runs of a scenario never see each other's state.
 */
public enum Via {
    EWS, GRAPH;

    /** The Entra directory of the Graph apps. */
    public static final String ENTRA_TENANT = "5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    /** The shared Graph app: Calendars.Read and MailboxSettings.Read (automatic replies) for every mailbox. */
    public static final String APP = "0c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5";
    /** Its client secret. */
    public static final String SECRET = "via-graph-secret";

    /** {@code base} with this kind's suffix: {@code flow} → {@code flow-ews} / {@code flow-graph}. */
    public String tenant(String base) {
        return base + "-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A mailbox address for this kind: {@code kari@flow.example} → {@code kari-graph@flow.example}. */
    public String mailbox(String address) {
        int at = address.indexOf('@');
        return address.substring(0, at) + "-" + name().toLowerCase(java.util.Locale.ROOT) + address.substring(at);
    }

    /** A working connection to the shared simulator (EWS: the impersonating account; Graph: the shared app). */
    public ExchangeConnection connection(String tenantId, long version) {
        EwsSimulator sim = SharedSimulator.get();
        if (this == EWS) {
            return Simulators.httpConnection(tenantId, sim, version);
        }
        return graph(tenantId, version, sharedApp(), SECRET, graphBase(sim));
    }

    /**
     * A service principal of its own — an EWS account with impersonation rights on every mailbox, or a Graph app
     * with Calendars.Read — so faults and counters can be scoped to one test; {@link #account} names it.
     */
    public ExchangeConnection ownAccount(String tenantId, String name) {
        EwsSimulator sim = SharedSimulator.get();
        if (this == EWS) {
            Simulators.account(sim, name, Simulators.PASSWORD, true);
            return Simulators.connection(tenantId, sim.httpEwsUrl(), name, Simulators.PASSWORD, 1, null);
        }
        String appId = appId(name);
        sim.graph().putApp(new GraphApp(appId, ENTRA_TENANT, SECRET, List.of("Calendars.Read", "MailboxSettings.Read"), List.of("*"), 3599));
        return graph(tenantId, 1, appId, SECRET, graphBase(sim));
    }

    /** The name the simulator logs {@link #ownAccount}'s requests under and scopes its faults to. */
    public String account(String name) {
        return this == EWS ? name : appId(name);
    }

    private static String appId(String name) {
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** A connection whose secret (password or client secret) is wrong. */
    public ExchangeConnection withWrongSecret(String tenantId, String wrongSecret) {
        EwsSimulator sim = SharedSimulator.get();
        if (this == EWS) {
            return Simulators.connection(tenantId, sim.httpEwsUrl(), Simulators.ACCOUNT, wrongSecret, 1, null);
        }
        return graph(tenantId, 1, sharedApp(), wrongSecret, graphBase(sim));
    }

    /** A connection to an endpoint that accepts connections and never answers ({@link Blackhole}). */
    public ExchangeConnection toBlackhole(String tenantId) {
        String blackhole = Blackhole.get().ewsUrl();
        if (this == EWS) {
            return Simulators.connection(tenantId, blackhole, "svc-down", "pw", 1, null);
        }
        String base = "http://" + Blackhole.get().hostPort();
        return graph(tenantId, 1, APP, SECRET, base);
    }

    /** A Graph connection with explicit app, secret and base URL (login and Graph on the same host). */
    public static ExchangeConnection graph(String tenantId, long version, String appId, String secret, String base) {
        return new ExchangeConnection(tenantId, ConnectionKind.GRAPH, version, null, null, null, null, null,
                ENTRA_TENANT, appId, secret, null, base, base, null);
    }

    /** The simulator's Graph base URL (plain http, allowed exactly in the tests' SSRF settings). */
    public static String graphBase(EwsSimulator sim) {
        return "http://" + Simulators.hostPort(sim.httpEwsUrl());
    }

    /** The account the simulator logs this kind's requests under and scopes faults to. */
    public String account() {
        return this == EWS ? Simulators.ACCOUNT : APP;
    }

    /** The simulator's request-log name of one calendar read. */
    public String readOperation() {
        return this == EWS ? "FindItem" : "Graph.CalendarViewDelta";
    }

    /** The simulator's request-log name of what makes change notifications flow for a mailbox. */
    public String pushOperation() {
        return this == EWS ? "GetStreamingEvents" : "Graph.SubscriptionPOST";
    }

    /** The fault that makes Exchange ask the caller to back off for {@code backOffMs}. */
    public String throttleFault() {
        return this == EWS ? "SERVER_BUSY" : "GRAPH_429";
    }

    /** The response code the simulator logs for that fault. */
    public String throttledCode() {
        return this == EWS ? "ErrorServerBusy" : "TooManyRequests";
    }

    /** The shared Graph app's client id, registered in the shared simulator on first use. */
    public static synchronized String sharedApp() {
        EwsSimulator sim = SharedSimulator.get();
        if (sim.graph().app(APP) == null) {
            sim.graph().putApp(new GraphApp(APP, ENTRA_TENANT, SECRET, List.of("Calendars.Read", "MailboxSettings.Read"), List.of("*"), 3599));
        }
        return APP;
    }
}
