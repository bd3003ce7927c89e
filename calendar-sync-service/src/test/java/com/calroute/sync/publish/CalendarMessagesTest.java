package com.calroute.sync.publish;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.sync.plan.Busy;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.NormalItem;
import com.calroute.sync.plan.Privacy;
import com.calroute.sync.plan.SyncWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan's {@link Busy} stays contract-free (ArchitectureTest), so it mirrors {@link BusyType} by name and this
 * class is the one place that converts: every busy type reaches the topic as the contract's and comes back the same.
 */
class CalendarMessagesTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private static final SyncWindow WINDOW = new SyncWindow(START.minusSeconds(86_400), START.plusSeconds(86_400));

    @Test
    void everyBusyTypeCrossesToTheContractAndBack() {
        assertThat(Arrays.stream(Busy.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(BusyType.values()).map(Enum::name).toList());
        for (Busy busy : Busy.values()) {
            CalendarSnapshot snapshot = new CalendarSnapshot(true, WINDOW, List.of(new NormalItem("item-1", "ck-1",
                    START, START.plusSeconds(3_600), false, null, null, null, busy, Privacy.NORMAL, false, null, null,
                    null)));
            CalendarMessage message = CalendarMessages.toMessage("acme", "user-1", 1, snapshot, START, START);
            assertThat(message.items()).singleElement()
                    .satisfies(item -> assertThat(item.busyType()).isEqualTo(BusyType.valueOf(busy.name())));
            assertThat(CalendarMessages.toSnapshot(message)).isEqualTo(snapshot);
        }
    }
}
