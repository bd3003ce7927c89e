package com.calroute.ewssim;

import com.calroute.ewssim.auth.AccountRegistry;
import com.calroute.ewssim.control.RequestLog;
import com.calroute.ewssim.faults.FaultInjector;
import com.calroute.ewssim.faults.FaultKind;
import com.calroute.ewssim.graph.GraphState;
import com.calroute.ewssim.mailbox.MailboxDirectory;
import com.calroute.ewssim.streaming.SubscriptionRegistry;
import com.calroute.ewssim.throttling.Throttler;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The simulator's whole state: mailboxes, accounts, throttling, subscriptions, faults, the request log and the
 * Graph side (apps, tokens, delta rounds, Graph subscriptions) over the same mailboxes.
 */
public final class SimulatorEngine {
    private final Clock clock;
    private final SimulatorSettings settings;
    private final MailboxDirectory directory;
    private final AccountRegistry accounts = new AccountRegistry();
    private final Throttler throttler;
    private final SubscriptionRegistry subscriptions;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog requestLog = new RequestLog(20_000);
    private final byte[] secret = new byte[32];
    private final GraphState graph;

    public SimulatorEngine(Clock clock, ServerVersion version) {
        this.clock = clock;
        this.settings = new SimulatorSettings(version);
        this.directory = new MailboxDirectory(clock);
        this.throttler = new Throttler(settings);
        this.subscriptions = new SubscriptionRegistry(clock, settings);
        directory.addListener(subscriptions);
        this.graph = new GraphState(clock);
        directory.addListener(graph.subscriptions());
        graph.subscriptions().loseNotificationsWhen((appId, mailbox) ->
                faults.fire(FaultKind.GRAPH_LOSE_NOTIFICATIONS, appId, mailbox) != null);
        new SecureRandom().nextBytes(secret);
    }

    public Clock clock() { return clock; }
    public SimulatorSettings settings() { return settings; }
    public MailboxDirectory directory() { return directory; }
    public AccountRegistry accounts() { return accounts; }
    public Throttler throttler() { return throttler; }
    public SubscriptionRegistry subscriptions() { return subscriptions; }
    public FaultInjector faults() { return faults; }
    public RequestLog requestLog() { return requestLog; }
    /** The Microsoft Graph side: apps, tokens, delta rounds, subscriptions. */
    public GraphState graph() { return graph; }

    /** Key for the integrity check of sync states, so a tampered state is refused like Exchange refuses one. */
    public byte[] secret() { return secret.clone(); }

    /** Forgets everything: mailboxes, accounts, grants, subscriptions, faults, log and statistics. */
    public void reset() {
        subscriptions.clear();
        directory.clear();
        accounts.clear();
        faults.clear();
        requestLog.clear();
        throttler.clear();
        graph.clear();
    }
}
