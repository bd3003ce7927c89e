package com.calroute.routing.ingest;

import com.calroute.contracts.GoldenSamples;
import com.calroute.contracts.calendar.CalendarItem;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.WorkingHours;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.UserMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MessageParser} binds a value in one pass with the contracts' required fields marked, and reads it again the
 * checked way only when that pass refuses it (issue #21: the start-up replay's parse). A required field the marks
 * missed would be read as its default — a calendar without {@code syncEnabled} as an opt-out — so every required
 * field of every contract record is taken out of a golden sample in turn and must be refused, named as before.
 */
class RequiredFieldsBindingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicNames TOPICS = TopicNames.standard();
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), TOPICS);

    /** Where each record sits in its topic's sample, and the sample. */
    private record Place(String topic, String sample, String path) {
    }

    private static final Map<Class<?>, Place> PLACES = Map.of(
            UserMessage.class, new Place(TOPICS.users(), "users-enrolled.json", ""),
            TenantMessage.class, new Place(TOPICS.tenants(), "tenants-ews.json", ""),
            CalendarMessage.class, new Place(TOPICS.calendar(), "calendar-snapshot.json", ""),
            StatusMessage.class, new Place(TOPICS.status(), "status-busy.json", ""),
            CalendarItem.class, new Place(TOPICS.calendar(), "calendar-snapshot.json", "items[0]"),
            WorkingHours.Period.class, new Place(TOPICS.calendar(), "calendar-snapshot.json",
                    "workingHours.periods[0]"));

    @Test
    void everyGoldenSampleParses() throws Exception {
        for (Place place : PLACES.values()) {
            ObjectNode sample = sample(place.sample());
            assertThat(parser.parse(place.topic(), keyOf(place.topic(), sample), sample.toString()))
                    .as(place.sample()).isNotNull();
        }
    }

    @Test
    void aValueLackingAnyRequiredFieldIsRefusedNamingIt() throws Exception {
        Map<Class<?>, List<String>> required = new RequiredFields().byRecord();
        assertThat(required).containsOnlyKeys(PLACES.keySet());
        int refused = 0;
        for (Map.Entry<Class<?>, List<String>> contract : required.entrySet()) {
            Place place = PLACES.get(contract.getKey());
            assertThat(contract.getValue()).as(contract.getKey().getSimpleName()).isNotEmpty();
            for (String field : contract.getValue()) {
                ObjectNode value = sample(place.sample());
                String key = keyOf(place.topic(), value);
                ((ObjectNode) at(value, place.path())).remove(field);
                String named = place.path().isEmpty() ? field : place.path() + "." + field;
                // The schema is checked before the other fields: without one, it is the reason.
                String reason = named.equals("schema") ? "schema is null, expected " + sample(place.sample())
                        .get("schema").asText() : named + " missing";
                assertThatThrownBy(() -> parser.parse(place.topic(), key, value.toString()))
                        .as(place.sample() + " without " + named)
                        .isInstanceOf(PoisonMessageException.class).hasMessage(reason);
                refused++;
            }
        }
        assertThat(refused).as("the contracts require fields").isGreaterThan(20);
    }

    @Test
    void aNullRequiredFieldIsPresentAsBefore() throws Exception {
        ObjectNode calendar = sample("calendar-snapshot.json");
        ((ObjectNode) calendar.get("items").get(0)).putNull("subject");
        assertThat(parser.parse(TOPICS.calendar(), keyOf(TOPICS.calendar(), calendar), calendar.toString()))
                .isInstanceOf(Update.CalendarChanged.class);
    }

    @Test
    void theFirstFaultIsNamedAsBefore() throws Exception {
        ObjectNode user = sample("users-enrolled.json");
        String key = keyOf(TOPICS.users(), user);
        user.put("schema", "calroute.users.v9").remove("syncEnabled");
        assertThatThrownBy(() -> parser.parse(TOPICS.users(), key, user.toString()))
                .hasMessage("schema is calroute.users.v9, expected calroute.users.v1");
        assertThatThrownBy(() -> parser.parse(TOPICS.users(), key, "null"))
                .hasMessage("not a valid UserMessage JSON value: not an object");
        assertThatThrownBy(() -> parser.parse(TOPICS.users(), key, "[]"))
                .hasMessage("not a valid UserMessage JSON value: not an object");
        ObjectNode wrongType = sample("users-enrolled.json").put("version", "seventeen");
        assertThatThrownBy(() -> parser.parse(TOPICS.users(), key, wrongType.toString()))
                .hasMessageStartingWith("not a valid UserMessage JSON value: Cannot deserialize value of type `long`");
    }

    private static ObjectNode sample(String file) throws Exception {
        return (ObjectNode) JSON.readTree(GoldenSamples.json(file));
    }

    private static String keyOf(String topic, ObjectNode value) {
        return topic.equals(TOPICS.tenants()) ? value.get("tenantId").asText()
                : value.get("tenantId").asText() + "/" + value.get("userId").asText();
    }

    /** The node at a path of names and [index]es, as the reasons spell it. */
    private static com.fasterxml.jackson.databind.JsonNode at(ObjectNode root, String path) {
        com.fasterxml.jackson.databind.JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String step : path.split("\\.")) {
            int bracket = step.indexOf('[');
            node = bracket < 0 ? node.get(step) : node.get(step.substring(0, bracket))
                    .get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
        }
        return node;
    }
}
