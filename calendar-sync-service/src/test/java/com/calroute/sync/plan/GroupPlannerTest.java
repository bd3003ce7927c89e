package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class GroupPlannerTest {

    private static Set<String> mailboxes(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("user%05d@acme.no", i)).collect(Collectors.toSet());
    }

    @Test
    void tenThousandMailboxesMakeFiftyGroupsOfAtMostTwoHundredEachWithItsOwnAnchor() {
        List<MailboxGroup> groups = new GroupPlanner(200).plan(List.of(), mailboxes(0, 10_000));
        assertThat(groups).hasSize(50);
        assertThat(groups).allSatisfy(group -> assertThat(group.members()).hasSizeLessThanOrEqualTo(200));
        assertThat(groups.stream().map(MailboxGroup::anchor).distinct()).hasSize(50);
        Set<String> all = new HashSet<>();
        groups.forEach(group -> all.addAll(group.members()));
        assertThat(all).isEqualTo(mailboxes(0, 10_000));
    }

    @Test
    void replanningKeepsGroupsAndAnchorsAndOnlyTouchesWhatChanged() {
        GroupPlanner planner = new GroupPlanner(3);
        List<MailboxGroup> first = planner.plan(List.of(), Set.of("a", "b", "c", "d", "e"));
        assertThat(first).containsExactly(new MailboxGroup("a", Set.of("a", "b", "c")), new MailboxGroup("d", Set.of("d", "e")));
        List<MailboxGroup> second = planner.plan(first, Set.of("a", "c", "d", "e", "f"));
        assertThat(second).containsExactly(new MailboxGroup("a", Set.of("a", "c", "f")), new MailboxGroup("d", Set.of("d", "e")));
    }

    @Test
    void aGroupWhoseAnchorLeavesGetsANewAnchorFromItsMembers() {
        GroupPlanner planner = new GroupPlanner(3);
        List<MailboxGroup> groups = planner.plan(List.of(new MailboxGroup("a", Set.of("a", "b", "c"))), Set.of("b", "c"));
        assertThat(groups).containsExactly(new MailboxGroup("b", Set.of("b", "c")));
        assertThat(planner.plan(groups, Set.of())).isEmpty();
    }

    @Test
    void exchangeLimitsKeepConcurrencyBelowTheServerAndCapStreamingOn2010() {
        assertThat(ExchangeLimits.forVersion("Exchange2013_SP1").concurrencyCap(20)).isEqualTo(20);
        assertThat(ExchangeLimits.forVersion("Exchange2013_SP1").concurrencyCap(40)).isEqualTo(25);
        assertThat(ExchangeLimits.forVersion("Exchange2010_SP2").concurrencyCap(20)).isEqualTo(8);
        assertThat(ExchangeLimits.forVersion("Exchange2010_SP1").streamedGroupCap(100)).isEqualTo(9);
        assertThat(ExchangeLimits.forVersion("Exchange2010").streamedGroupCap(100)).as("2010 RTM cannot stream")
                .isZero();
        assertThat(ExchangeLimits.forVersion("Exchange2010").concurrencyCap(20)).isEqualTo(8);
        assertThat(ExchangeLimits.forVersion("Exchange2013").streamedGroupCap(100)).isEqualTo(100);
        assertThat(ExchangeLimits.forVersion("Exchange2013").connectionsPerAnchor()).isEqualTo(3);
    }
}
