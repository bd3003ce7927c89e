package com.calroute.routing.ingest;

import com.calroute.routing.status.Appointment;
import com.calroute.routing.support.Messages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing keeps the subject of Normal items only, whatever calroute.calendar.v1 carries: the topic is compacted, so
 * snapshots published before calendar-sync stopped sharing Personal and Confidential subjects may still be read, and
 * timelines and {@code reason.subject} must never show them.
 */
class CalendarSubjectsTest {

    private final TopicNames topics = TopicNames.standard();
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), topics);

    @Test
    void onlyNormalItemsKeepTheirSubject() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        ObjectNode[] items = new ObjectNode[4];
        String[] sensitivities = {"NORMAL", "PERSONAL", "PRIVATE", "CONFIDENTIAL"};
        for (int i = 0; i < items.length; i++) {
            items[i] = Messages.item("item-" + sensitivities[i], start.plus(i, ChronoUnit.HOURS),
                    start.plus(i + 1, ChronoUnit.HOURS), "BUSY");
            items[i].put("sensitivity", sensitivities[i]).put("subject", "subject of " + sensitivities[i]);
        }

        Update update = parser.parse(topics.calendar(), "acme/u1", Messages.calendar("acme", "u1", 1, items));

        Map<String, String> subjects = new HashMap<>();
        for (Appointment item : ((Update.CalendarChanged) update).calendar().items()) {
            subjects.put(item.itemId(), item.subject());
        }
        assertThat(subjects).containsEntry("item-NORMAL", "subject of NORMAL")
                .containsEntry("item-PERSONAL", null).containsEntry("item-PRIVATE", null)
                .containsEntry("item-CONFIDENTIAL", null);
    }
}
