package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.feed.ChangeFeed;
import com.calroute.sync.feed.ChangeListener;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.ExchangeLimits;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.GroupPlanner;
import com.calroute.sync.plan.MailboxGroup;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One EWS tenant's change feed: its mailboxes planned into {@link StreamingGroup}s of up to 200 (one streaming
 * connection each, anchored on a member), as many groups as the Exchange version lets one account hold open.
 * Mailboxes beyond that are reported unfollowed; the safety poll reads them. A new connection version closes every
 * group and plans afresh.
 */
public final class StreamingFeed implements ChangeFeed {

    private static final Logger LOG = Logger.getLogger(StreamingFeed.class);
    /** Subscription requests of all the tenant's groups at once: a few of its gate's 20 places, reads keep the rest. */
    static final int SUBSCRIBING_PLACES = 4;

    /** How a tenant's streaming groups are sized and kept. */
    public record Settings(int groupSize, int maxGroups, int lifetimeMinutes, Duration hangingReadTimeout) {
    }

    private final String tenantId;
    private final EwsClientFactory factory;
    private final EwsCalls gate;
    private final Backoff backoff;
    private final Settings settings;
    private final ChangeListener listener;
    private final GroupPlanner planner;
    private final Map<String, StreamingGroup> streams = new HashMap<>();
    private List<MailboxGroup> groups = List.of();
    private long connectionVersion = Long.MIN_VALUE;
    private boolean closed;

    public StreamingFeed(String tenantId, EwsClientFactory factory, EwsCalls gate, Backoff backoff, Settings settings,
                         ChangeListener listener) {
        this.tenantId = tenantId;
        this.factory = factory;
        this.gate = new SubscriptionPacing(gate, SUBSCRIBING_PLACES);
        this.backoff = backoff;
        this.settings = settings;
        this.listener = listener;
        this.planner = new GroupPlanner(settings.groupSize());
    }

    @Override
    public void follow(ExchangeConnection connection, Map<String, String> userByMailbox) {
        List<StreamingGroup> toClose = new ArrayList<>();
        List<StreamingGroup> toStart = new ArrayList<>();
        Set<String> unstreamed = new HashSet<>(userByMailbox.keySet());
        synchronized (this) {
            if (closed) {
                return;
            }
            if (connection.connectionVersion() != connectionVersion) {
                toClose.addAll(streams.values());
                streams.clear();
                groups = List.of();
                connectionVersion = connection.connectionVersion();
            }
            List<MailboxGroup> planned = planner.plan(groups, userByMailbox.keySet());
            int limit = ExchangeLimits.forVersion(connection.exchangeVersion()).streamedGroupCap(settings.maxGroups());
            groups = planned.size() > limit ? List.copyOf(planned.subList(0, limit)) : planned;
            Set<String> anchors = new HashSet<>();
            StreamingGroup.Listener relay = new Relay();
            for (MailboxGroup group : groups) {
                anchors.add(group.anchor());
                unstreamed.removeAll(group.members());
                StreamingGroup stream = streams.get(group.anchor());
                if (stream == null) {
                    stream = new StreamingGroup(tenantId, group.anchor(), group.members(), connection, factory, gate,
                            relay, backoff, settings.lifetimeMinutes(), settings.hangingReadTimeout());
                    streams.put(group.anchor(), stream);
                    toStart.add(stream);
                } else if (!stream.members().equals(group.members())) {
                    stream.update(group.members());
                }
            }
            streams.entrySet().removeIf(entry -> {
                if (!anchors.contains(entry.getKey())) {
                    toClose.add(entry.getValue());
                    return true;
                }
                return false;
            });
        }
        toClose.forEach(StreamingGroup::close);
        toStart.forEach(StreamingGroup::start);
        if (!unstreamed.isEmpty()) {
            listener.unfollowed(unstreamed, null);
        }
    }

    @Override
    public void close() {
        List<StreamingGroup> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(streams.values());
            streams.clear();
            groups = List.of();
        }
        toClose.forEach(StreamingGroup::close);
    }

    private final class Relay implements StreamingGroup.Listener {

        @Override
        public void changed(String mailbox, Instant notifiedAt) {
            listener.changed(mailbox, notifiedAt);
        }

        @Override
        public void subscribed(Set<String> mailboxes, Instant since) {
            listener.subscribed(mailboxes, since);
        }

        @Override
        public void failed(Set<String> mailboxes, Failure failure) {
            LOG.debugf("tenant %s: a streaming group of %d mailboxes is down (%s); polled until it is back",
                    tenantId, mailboxes.size(), failure.kind());
            listener.lagging(mailboxes);
        }
    }
}
