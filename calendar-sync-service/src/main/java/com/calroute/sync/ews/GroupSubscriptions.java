package com.calroute.sync.ews;

import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.notification.StreamingSubscription;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The streaming subscriptions of one {@link StreamingGroup}: one per member, each made as that member with the
 * group's anchor, so Exchange keeps them on the anchor's server. Used only on the group's thread.
 */
final class GroupSubscriptions {

    private static final Logger LOG = Logger.getLogger(GroupSubscriptions.class);
    /** Failures that concern one member, not the account: the member is left out, the group carries on. */
    private static final Set<FailureKind> MEMBER_FAILURES = Set.of(FailureKind.IMPERSONATION, FailureKind.MAILBOX,
            FailureKind.UNSAFE_RESPONSE, FailureKind.MALFORMED_RESPONSE, FailureKind.UNEXPECTED);

    private final String tenantId;
    private final String anchor;
    private final String username;
    private final String endpoint;
    private final EwsCalls calls;
    private final Backoff backoff;
    private final StreamingGroup.Listener listener;
    private final Map<String, StreamingSubscription> byMember = new HashMap<>();
    private final Set<String> refused = new HashSet<>();

    GroupSubscriptions(String tenantId, String anchor, String username, String endpoint, EwsCalls calls,
                       Backoff backoff, StreamingGroup.Listener listener) {
        this.tenantId = tenantId;
        this.anchor = anchor;
        this.username = username;
        this.endpoint = endpoint;
        this.calls = calls;
        this.backoff = backoff;
        this.listener = listener;
    }

    /**
     * Subscribes newcomers and unsubscribes leavers, then reports the newcomers subscribed (they are read then, so
     * no change before the subscription slips by). A member Exchange refuses on its own account (no impersonation
     * right, no such mailbox, a hostile answer) is left out — its reads report why — instead of failing the whole
     * group; ErrorServerBusy is waited out and the same member tried again, keeping the subscriptions made so far;
     * other account-wide failures (credentials, TLS, network) are thrown: the group backs off and starts over.
     */
    void sync(HardenedExchangeService control, Set<String> target, BooleanSupplier closed) throws Exception {
        Map<String, StreamingSubscription> leavers = new HashMap<>(byMember);
        leavers.keySet().removeAll(target);
        byMember.keySet().removeAll(leavers.keySet());
        end(control, leavers);
        refused.retainAll(target);
        Set<String> added = new HashSet<>(target);
        added.removeAll(byMember.keySet());
        added.removeAll(refused);
        if (added.isEmpty()) {
            return;
        }
        Set<String> subscribed = new HashSet<>();
        for (String member : added) {
            if (closed.getAsBoolean()) {
                return;
            }
            if (subscribe(control, member, closed)) {
                subscribed.add(member);
            }
        }
        if (!subscribed.isEmpty()) {
            // As of now, when every one of them is in place: a member may be read while the others subscribe (one
            // taken over is read without waiting), and only a read that starts after its own subscription sees
            // every change the subscription does not.
            listener.subscribed(subscribed, Instant.now());
        }
    }

    private boolean subscribe(HardenedExchangeService control, String member, BooleanSupplier closed) throws Exception {
        EwsClientFactory.impersonate(control, member, anchor);
        control.getHttpHeaders().put(EwsClientFactory.AFFINITY_HEADER, "true");
        while (!closed.getAsBoolean()) {
            try {
                byMember.put(member, calls.call("Subscribe", () -> control.subscribeToStreamingNotifications(
                        List.of(new FolderId(WellKnownFolderName.Calendar)), EventType.Created, EventType.Modified,
                        EventType.Deleted, EventType.Moved, EventType.Copied)));
                return true;
            } catch (Exception e) {
                Failure failure = EwsFailures.classify(e, endpoint, username, member);
                if (failure.kind() == FailureKind.SERVER_BUSY) {
                    Thread.sleep(backoff.afterServerBusy(failure.serverBackOff()).toMillis());
                    continue;
                }
                if (!MEMBER_FAILURES.contains(failure.kind())) {
                    throw e;
                }
                refused.add(member);
                LOG.debugf("tenant %s: a mailbox cannot be subscribed (%s); it relies on polling", tenantId,
                        failure.kind());
                return false;
            }
        }
        return false;
    }

    /** True while no member is subscribed. */
    boolean isEmpty() {
        return byMember.isEmpty();
    }

    /** The live subscriptions. */
    Collection<StreamingSubscription> all() {
        return List.copyOf(byMember.values());
    }

    /** Member address by subscription id, to tell whose calendar a notification is about. */
    Map<String, String> memberById() {
        Map<String, String> members = new HashMap<>();
        byMember.forEach((member, subscription) -> members.put(subscription.getId(), member));
        return members;
    }

    /** Ends every subscription at Exchange (closing, or starting over with fresh ones). */
    void endAll(HardenedExchangeService control) {
        end(control, byMember);
    }

    /**
     * Ends these subscriptions at Exchange, each as its own mailbox; a failure only means it expires there. When
     * Exchange does not answer or is busy, the rest are left to expire too rather than delaying the group's next
     * attempt by a time-out per member or spending the budget it needs to subscribe again.
     */
    private void end(HardenedExchangeService control, Map<String, StreamingSubscription> subscriptions) {
        try {
            for (Map.Entry<String, StreamingSubscription> entry : subscriptions.entrySet()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    EwsClientFactory.impersonate(control, entry.getKey(), anchor);
                    calls.call("Unsubscribe", () -> {
                        entry.getValue().unsubscribe();
                        return null;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    String code = EwsFailures.errorCode(e);
                    LOG.debugf("tenant %s: a subscription could not be ended (%s); Exchange lets it expire", tenantId,
                            code == null ? "no answer" : code);
                    if (code == null || code.equals("ErrorServerBusy")) {
                        return;
                    }
                }
            }
        } finally {
            subscriptions.clear();
        }
    }
}
