package com.calroute.ewssim;

import com.calroute.ewssim.throttling.BudgetScope;

/**
 * Server-wide knobs that tests may change at run time (PUT /sim/v1/server). Null limits mean "the default of the
 * simulated Exchange version".
 */
public final class SimulatorSettings {
    private volatile ServerVersion serverVersion;
    private volatile Integer maxConcurrency;
    private volatile Integer maxStreamingConnectionsPerMailbox;
    private volatile int maxSubscriptionsPerStreamingConnection = 200;
    private volatile Integer maxSubscriptionsPerMailbox;
    private volatile int streamingConnectionTimeoutMinutes = 30;
    private volatile Integer streamingConnectionTimeoutSeconds;
    private volatile int heartbeatSeconds = 30;
    private volatile int findCountLimit = 1000;
    private volatile Double defaultBudgetPerSecond;
    private volatile Double defaultBurst;
    private volatile BudgetScope budgetScope;
    private volatile boolean ntlmEnabled = true;
    private volatile boolean basicEnabled = true;
    private volatile String realm = "localhost";
    private volatile boolean folderModifiedEvents = true;
    private volatile boolean prefixedStreamingEnvelopes;

    public SimulatorSettings(ServerVersion serverVersion) {
        this.serverVersion = serverVersion;
    }

    public ServerVersion serverVersion() { return serverVersion; }
    public void serverVersion(ServerVersion v) { serverVersion = v; }

    /** EWSMaxConcurrency: configured value, else 27 (10 on Exchange 2010). */
    public int maxConcurrency() { return maxConcurrency != null ? maxConcurrency : serverVersion.defaultMaxConcurrency(); }
    public Integer configuredMaxConcurrency() { return maxConcurrency; }
    public void maxConcurrency(Integer v) { maxConcurrency = v; }

    public int maxStreamingConnectionsPerMailbox() {
        return maxStreamingConnectionsPerMailbox != null ? maxStreamingConnectionsPerMailbox
                : serverVersion.defaultStreamingConnectionsPerMailbox();
    }
    public void maxStreamingConnectionsPerMailbox(Integer v) { maxStreamingConnectionsPerMailbox = v; }

    public int maxSubscriptionsPerStreamingConnection() { return maxSubscriptionsPerStreamingConnection; }
    public void maxSubscriptionsPerStreamingConnection(int v) { maxSubscriptionsPerStreamingConnection = v; }

    /** EWSMaxSubscriptions: 20 on Exchange 2010, 5000 from 2013 on. */
    public int maxSubscriptionsPerMailbox() {
        if (maxSubscriptionsPerMailbox != null) {
            return maxSubscriptionsPerMailbox;
        }
        return serverVersion.atLeast(ServerVersion.EXCHANGE2013) ? 5000 : 20;
    }
    public void maxSubscriptionsPerMailbox(Integer v) { maxSubscriptionsPerMailbox = v; }

    public int streamingConnectionTimeoutMinutes() { return streamingConnectionTimeoutMinutes; }
    public void streamingConnectionTimeoutMinutes(int v) { streamingConnectionTimeoutMinutes = v; }
    /** A finer override of the connection timeout, so tests need not wait a whole minute for ConnectionStatus Closed. */
    public Integer streamingConnectionTimeoutSeconds() { return streamingConnectionTimeoutSeconds; }
    public void streamingConnectionTimeoutSeconds(Integer v) { streamingConnectionTimeoutSeconds = v; }

    /** The server's cap on a streaming connection's life, in seconds. */
    public long streamingConnectionLimitSeconds() {
        return streamingConnectionTimeoutSeconds != null ? streamingConnectionTimeoutSeconds
                : streamingConnectionTimeoutMinutes * 60L;
    }

    public int heartbeatSeconds() { return heartbeatSeconds; }
    public void heartbeatSeconds(int v) { heartbeatSeconds = v; }
    public int findCountLimit() { return findCountLimit; }
    public void findCountLimit(int v) { findCountLimit = v; }
    public Double defaultBudgetPerSecond() { return defaultBudgetPerSecond; }
    public void defaultBudgetPerSecond(Double v) { defaultBudgetPerSecond = v; }
    public Double defaultBurst() { return defaultBurst; }
    public void defaultBurst(Double v) { defaultBurst = v; }
    /** Whose budget an impersonated request spends: configured, else the simulated version's rule. */
    public BudgetScope budgetScope() { return budgetScope != null ? budgetScope : serverVersion.defaultBudgetScope(); }
    public void budgetScope(BudgetScope v) { budgetScope = v; }
    public boolean ntlmEnabled() { return ntlmEnabled; }
    public void ntlmEnabled(boolean v) { ntlmEnabled = v; }
    public boolean basicEnabled() { return basicEnabled; }
    public void basicEnabled(boolean v) { basicEnabled = v; }
    public String realm() { return realm; }
    /** Whether item changes also raise a ModifiedEvent on the calendar folder, as Exchange does. */
    public boolean folderModifiedEvents() { return folderModifiedEvents; }
    public void folderModifiedEvents(boolean v) { folderModifiedEvents = v; }
    public void realm(String v) { realm = v; }
    /**
     * Whether streamed envelopes use the {@code s:} prefix like every other answer instead of the default namespace
     * Exchange writes them with; only so that clients can prove they read both forms.
     */
    public boolean prefixedStreamingEnvelopes() { return prefixedStreamingEnvelopes; }
    public void prefixedStreamingEnvelopes(boolean v) { prefixedStreamingEnvelopes = v; }
}
