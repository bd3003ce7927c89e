package com.calroute.sync.plan;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mailboxes whose streaming subscriptions share one connection, sent with {@code X-AnchorMailbox} set to the
 * {@code anchor} (itself a member) so Exchange charges the connection to the anchor's budget.
 */
public record MailboxGroup(String anchor, Set<String> members) {

    public MailboxGroup {
        Objects.requireNonNull(anchor, "anchor");
        members = Set.copyOf(new TreeSet<>(members));
        if (!members.contains(anchor)) {
            throw new IllegalArgumentException("the anchor must be a member of its group");
        }
    }
}
