package com.calroute.sync.graph;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.Failure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * "Test connection" for a Graph tenant, step by step as sync will need it: TOKEN (client credentials with the
 * saved secret), PERMISSION (the token carries the application permission Calendars.Read), MAILBOX (Exchange
 * Online's RBAC for Applications lets the app open the named mailbox's calendar), then OK. Each failure says
 * what to fix.
 */
public final class GraphConnectionTester {
    private final GraphClient client;

    public GraphConnectionTester(GraphClient client) {
        this.client = client;
    }

    public ConnectionTestResult test(ExchangeConnection connection, String mailbox) {
        GraphClient.Token token;
        try {
            client.forgetToken(connection);
            token = client.token(connection);
        } catch (GraphException e) {
            Failure failure = GraphFailures.token(e, connection.entraTenantId(), connection.clientId());
            return new ConnectionTestResult(false, ConnectionTestStep.TOKEN, failure.message(), null);
        }
        if (!token.roles().contains(GraphFailures.ROLE) && !token.roles().contains("Calendars.ReadWrite")) {
            return new ConnectionTestResult(false, ConnectionTestStep.PERMISSION,
                    GraphFailures.permissionMissing(connection.clientId()).message(), null);
        }
        if (mailbox == null || mailbox.isBlank()) {
            return new ConnectionTestResult(true, ConnectionTestStep.OK, "Signed in to Microsoft Entra ID with"
                    + " Calendars.Read; give a mailbox to also check the RBAC for Applications scope", null);
        }
        String url = GraphClient.graphBase(connection) + "/v1.0/users/"
                + URLEncoder.encode(mailbox.trim(), StandardCharsets.UTF_8) + "/calendar";
        try {
            client.get(connection, url, mailbox, Map.of());
        } catch (GraphException e) {
            Failure failure = GraphFailures.mailbox(e, connection.clientId(), mailbox, true);
            ConnectionTestStep step = e.status() == 403 || e.status() == 404 ? ConnectionTestStep.MAILBOX
                    : e.status() == 401 ? ConnectionTestStep.TOKEN : ConnectionTestStep.CONNECT;
            return new ConnectionTestResult(false, step, failure.message(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConnectionTestResult(false, ConnectionTestStep.CONNECT, "The test was interrupted", null);
        }
        return new ConnectionTestResult(true, ConnectionTestStep.OK,
                "Signed in with Calendars.Read and read the calendar of " + mailbox, null);
    }
}
