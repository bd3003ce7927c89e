package com.calroute.sync.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups a tenant's owned mailboxes into streaming groups of at most {@code maxPerGroup}, each anchored on one of
 * its members. Re-planning is stable: a mailbox stays in its group and a group keeps its anchor while it is still
 * wanted, so an enrolment or opt-out touches one group instead of re-subscribing all of them. Groups beyond the
 * budget are not streamed; their mailboxes rely on the safety poll.
 */
public final class GroupPlanner {

    private final int maxPerGroup;

    public GroupPlanner(int maxPerGroup) {
        if (maxPerGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one mailbox");
        }
        this.maxPerGroup = maxPerGroup;
    }

    /** The new grouping of {@code wanted}, starting from {@code current}. */
    public List<MailboxGroup> plan(List<MailboxGroup> current, Set<String> wanted) {
        List<String> anchors = new ArrayList<>();
        List<TreeSet<String>> memberships = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (MailboxGroup group : current) {
            TreeSet<String> kept = new TreeSet<>();
            for (String member : group.members()) {
                if (wanted.contains(member) && placed.add(member)) {
                    kept.add(member);
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            anchors.add(kept.contains(group.anchor()) ? group.anchor() : kept.first());
            memberships.add(kept);
        }
        TreeSet<String> newcomers = new TreeSet<>(wanted);
        newcomers.removeAll(placed);
        int index = 0;
        for (String mailbox : newcomers) {
            while (index < memberships.size() && memberships.get(index).size() >= maxPerGroup) {
                index++;
            }
            if (index == memberships.size()) {
                anchors.add(mailbox);
                memberships.add(new TreeSet<>());
            }
            memberships.get(index).add(mailbox);
        }
        List<MailboxGroup> groups = new ArrayList<>(memberships.size());
        for (int i = 0; i < memberships.size(); i++) {
            groups.add(new MailboxGroup(anchors.get(i), memberships.get(i)));
        }
        return List.copyOf(groups);
    }
}
