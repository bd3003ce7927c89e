package com.calroute.sync.graph;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.contracts.connection.DiagnosisCodes;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.PlainWords;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * "Test connection" for a Graph tenant, step by step as sync will need it: TOKEN (client credentials with the
 * saved secret); MAILBOX (the app may open the named mailbox's calendar — through the tenant-wide Calendars.Read
 * permission or an RBAC for Applications assignment, the two grants Exchange Online adds up); PERMISSION when no
 * mailbox is named and the token carries no Calendars.Read, since an RBAC assignment can only be checked on a
 * mailbox; then OK, saying which grant let it in. Each failure says what to fix.
 */
public final class GraphConnectionTester {
    private static final String TENANT_WIDE = "the app has the tenant-wide " + GraphFailures.ROLE + " permission, so"
            + " it can read every mailbox of the organisation — Microsoft recommends an RBAC for Applications assignment"
            + " scoped to the enrolled users instead";

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
            return fail(e.status() == 0 ? transportStep(failure) : ConnectionTestStep.TOKEN, failure,
                    hostOf(GraphClient.loginBase(connection)), mailbox);
        }
        String graphHost = hostOf(GraphClient.graphBase(connection));
        boolean tenantWide = token.roles().contains(GraphFailures.ROLE) || token.roles().contains("Calendars.ReadWrite");
        if (mailbox == null || mailbox.isBlank()) {
            if (!tenantWide) {
                Failure failure = GraphFailures.permissionUnproven(connection.clientId());
                return new ConnectionTestResult(false, ConnectionTestStep.PERMISSION, DiagnosisCodes.PERMISSION_MISSING,
                        failure.message(), failure.with("host", graphHost).params(), null);
            }
            return new ConnectionTestResult(true, ConnectionTestStep.OK, DiagnosisCodes.OK, TENANT_WIDE,
                    Map.of("host", graphHost, "grant", "tenant-wide"), null);
        }
        String url = GraphClient.graphBase(connection) + "/v1.0/users/"
                + URLEncoder.encode(mailbox.trim(), StandardCharsets.UTF_8) + "/calendar";
        try {
            client.get(connection, url, mailbox, Map.of());
        } catch (GraphException e) {
            Failure failure = GraphFailures.mailbox(e, connection.clientId(), mailbox, tenantWide);
            ConnectionTestStep step = e.status() == 403 || e.status() == 404 ? ConnectionTestStep.MAILBOX
                    : e.status() == 401 ? ConnectionTestStep.TOKEN : transportStep(failure);
            return fail(step, failure, graphHost, mailbox);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(ConnectionTestStep.CONNECT, PlainWords.timedOut(), graphHost, mailbox);
        }
        return new ConnectionTestResult(true, ConnectionTestStep.OK, DiagnosisCodes.OK, "Signed in and read the"
                + " calendar of " + mailbox + (tenantWide ? "; " + TENANT_WIDE : " through RBAC for Applications"),
                Map.of("host", graphHost, "mailbox", mailbox, "grant", tenantWide ? "tenant-wide" : "rbac"), null);
    }

    /** A failed check: the failure's code and parameters, plus the host talked to and the mailbox tried. */
    private static ConnectionTestResult fail(ConnectionTestStep step, Failure failure, String host, String mailbox) {
        Failure described = failure.with("host", host).with("mailbox", mailbox == null || mailbox.isBlank() ? null : mailbox);
        return new ConnectionTestResult(false, step, failure.kind().code(), failure.message(), described.params(), null);
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The step a failure to reach the sign-in endpoint or Graph belongs to, as for EWS. */
    private static ConnectionTestStep transportStep(Failure failure) {
        return switch (failure.kind()) {
            case DNS -> ConnectionTestStep.DNS;
            case TLS, PLAIN_HTTP -> ConnectionTestStep.TLS;
            default -> ConnectionTestStep.CONNECT;
        };
    }
}
