package com.calroute.routing.ingest;

import com.calroute.routing.status.Appointment;
import com.calroute.routing.status.Response;
import com.calroute.routing.status.UnansweredInvitations;
import com.calroute.routing.support.Messages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's answer to a meeting and their choice for unanswered invitations reach the engine as sent; a producer
 * that predates them (fields absent) means "as shown".
 */
class InvitationResponsesTest {

    private final TopicNames topics = TopicNames.standard();
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), topics);

    @Test
    void eachItemKeepsItsResponseAndAbsentMeansAsShown() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        ObjectNode declined = Messages.item("declined", start, start.plus(1, ChronoUnit.HOURS), "BUSY");
        declined.put("response", "DECLINED");
        ObjectNode unanswered = Messages.item("unanswered", start, start.plus(1, ChronoUnit.HOURS), "BUSY");
        unanswered.put("response", "NOT_RESPONDED");
        ObjectNode older = Messages.item("older", start, start.plus(1, ChronoUnit.HOURS), "BUSY");
        older.remove("response");

        Update update = parser.parse(topics.calendar(), "acme/u1",
                Messages.calendar("acme", "u1", 1, declined, unanswered, older));

        Map<String, Response> responses = new HashMap<>();
        for (Appointment item : ((Update.CalendarChanged) update).calendar().items()) {
            responses.put(item.itemId(), item.response());
        }
        assertThat(responses).containsEntry("declined", Response.DECLINED)
                .containsEntry("unanswered", Response.NOT_RESPONDED).containsEntry("older", null);
    }

    @Test
    void theUsersChoiceForUnansweredInvitationsArrivesAndAbsentMeansAsShown() throws Exception {
        ObjectNode ignoring = (ObjectNode) TopicJson.mapper().readTree(
                Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1));
        ignoring.put("unansweredInvitations", "IGNORE");
        ObjectNode older = ignoring.deepCopy();
        older.remove("unansweredInvitations");

        Update.UserChanged chose = (Update.UserChanged) parser.parse(topics.users(), "acme/u1", ignoring.toString());
        Update.UserChanged predates = (Update.UserChanged) parser.parse(topics.users(), "acme/u1", older.toString());

        assertThat(chose.settings().unanswered()).isEqualTo(UnansweredInvitations.IGNORE);
        assertThat(predates.settings().unanswered()).isEqualTo(UnansweredInvitations.AS_SHOWN);
    }
}
