package com.calroute.sync.graph;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.ews.EndpointResolver;
import com.calroute.sync.plan.AbsenceSettings;
import com.calroute.sync.plan.AutomaticReplies;
import com.calroute.sync.plan.CodeBook;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.source.CalendarSource;
import com.calroute.sync.source.SourceFailure;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler and the connection-test API see of Microsoft Graph: read a mailbox's window (failures already
 * in plain words) and test a connection. One per service, shared by every Graph tenant so tokens, delta state and
 * the per-mailbox concurrency limit are shared too.
 */
public final class GraphConnector implements CalendarSource {
    private final GraphClient client;
    private final GraphCalendarReader reader;
    private final GraphConnectionTester tester;
    private volatile GraphSubscriptionManager subscriptions;

    public GraphConnector(EndpointResolver guard, Duration connectTimeout, Duration readTimeout, Clock clock, int pageSize,
                          DeltaStore store) {
        this(new GraphClient(guard, connectTimeout, readTimeout, clock, duration -> Thread.sleep(duration.toMillis())),
                store, pageSize);
    }

    GraphConnector(GraphClient client, DeltaStore store, int pageSize) {
        this.client = client;
        this.reader = new GraphCalendarReader(client, store, pageSize);
        this.tester = new GraphConnectionTester(client);
    }

    @Override
    public List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects)
            throws SourceFailure, InterruptedException {
        return read(connection, mailbox, window, withSubjects, CodeBook.NONE);
    }

    @Override
    public List<RawItem> read(ExchangeConnection connection, String mailbox, SyncWindow window, boolean withSubjects,
                              CodeBook codes) throws SourceFailure, InterruptedException {
        GraphClient.Token token;
        try {
            token = client.token(connection);
        } catch (GraphException e) {
            throw new SourceFailure(GraphFailures.token(e, connection.entraTenantId(), connection.clientId()));
        }
        try {
            return reader.read(connection, mailbox, window, withSubjects, codes);
        } catch (GraphException e) {
            boolean hasRole = token.roles().contains(GraphFailures.ROLE) || token.roles().contains("Calendars.ReadWrite");
            throw new SourceFailure(e.code() != null && e.code().startsWith("AADSTS")
                    ? GraphFailures.token(e, connection.entraTenantId(), connection.clientId())
                    : GraphFailures.mailbox(e, connection.clientId(), mailbox, hasRole));
        }
    }

    /** One GET of {@code mailboxSettings} answers both the automatic replies and the working hours. */
    @Override
    public AbsenceSettings absence(ExchangeConnection connection, String mailbox, boolean withWorkingHours)
            throws SourceFailure, InterruptedException {
        String url = GraphClient.graphBase(connection) + "/v1.0/users/"
                + URLEncoder.encode(mailbox, StandardCharsets.UTF_8) + "/mailboxSettings";
        try {
            JsonNode settings = client.get(connection, url, mailbox, Map.of());
            JsonNode replies = settings.path("automaticRepliesSetting");
            return new AbsenceSettings(AutomaticReplies.fromExchange(replies.path("status").asText(null),
                    GraphItems.instant(replies.path("scheduledStartDateTime")),
                    GraphItems.instant(replies.path("scheduledEndDateTime"))),
                    GraphItems.workingHours(settings.path("workingHours"), settings.path("timeZone").asText(null)),
                    true);
        } catch (GraphException e) {
            if (e.status() == 403) {
                throw new SourceFailure(GraphFailures.settingsDenied(connection.clientId()));
            }
            throw new SourceFailure(e.code() != null && e.code().startsWith("AADSTS")
                    ? GraphFailures.token(e, connection.entraTenantId(), connection.clientId())
                    : GraphFailures.mailbox(e, connection.clientId(), mailbox, true));
        }
    }

    /** Turns change notifications on: Graph will post to {@code notificationUrl}. */
    public GraphSubscriptionManager enableNotifications(String notificationUrl, Clock clock, Duration lifetime,
                                                        SubscriptionDirectory directory,
                                                        GraphSubscriptionManager.RemoteChange remote) {
        subscriptions = new GraphSubscriptionManager(client, clock, notificationUrl, lifetime, directory, remote);
        return subscriptions;
    }

    /** The subscription manager, or null when notifications are off (safety poll only). */
    public GraphSubscriptionManager subscriptions() {
        return subscriptions;
    }

    @Override
    public ConnectionTestResult test(ExchangeConnection connection, String mailbox) {
        return tester.test(connection, mailbox);
    }

    @Override
    public void forget(String tenantId) {
        // Tokens and delta links are keyed by connection version, so a changed tenant never meets its old ones.
    }
}
