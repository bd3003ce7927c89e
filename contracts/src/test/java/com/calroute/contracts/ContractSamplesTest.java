package com.calroute.contracts;

import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.UserMessage;
import com.calroute.testing.contract.ContractSchemas;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every golden sample is schema-valid and survives a trip through its record unchanged. */
class ContractSamplesTest {

    private static final Map<String, Class<?>> RECORD_OF_TOPIC = Map.of(
            Topics.USERS, UserMessage.class,
            Topics.TENANTS, TenantMessage.class,
            Topics.CALENDAR, CalendarMessage.class,
            Topics.STATUS, StatusMessage.class);

    /** Configured like Quarkus' default mapper: ISO instants, unknown fields tolerated. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final java.util.List<GoldenSamples.Sample> SAMPLES = GoldenSamples.ALL;

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void sampleValidatesAgainstItsTopicSchema(GoldenSamples.Sample sample) {
        assertThat(ContractSchemas.violations(sample.topic(), sample.json())).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void sampleRoundTripsThroughItsRecordUnchanged(GoldenSamples.Sample sample) throws Exception {
        Object message = MAPPER.readValue(sample.json(), RECORD_OF_TOPIC.get(sample.topic()));
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(message));
        assertThat(written).isEqualTo(MAPPER.readTree(sample.json()));
        assertThat(written.get("schema").asText()).isEqualTo(sample.topic());
    }

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void readersTolerateUnknownFields(GoldenSamples.Sample sample) throws Exception {
        ObjectNode extended = (ObjectNode) MAPPER.readTree(sample.json());
        extended.put("fieldFromTheFuture", "ignored by v1 readers");
        Class<?> type = RECORD_OF_TOPIC.get(sample.topic());
        Object fromExtended = MAPPER.readValue(extended.toString(), type);
        assertThat(fromExtended).isEqualTo(MAPPER.readValue(sample.json(), type));
        assertThat(ContractSchemas.violations(sample.topic(), extended.toString())).isEmpty();
    }

    @Test
    void schemasRejectWhatTheContractForbids() throws Exception {
        ObjectNode forwardWithoutTarget = (ObjectNode) MAPPER.readTree(GoldenSamples.json("users-enrolled.json"));
        ((ObjectNode) forwardWithoutTarget.at("/statusSettings/OOF")).putNull("target");
        assertThat(ContractSchemas.violations(Topics.USERS, forwardWithoutTarget.toString())).isNotEmpty();

        ObjectNode forwardOutside = (ObjectNode) MAPPER.readTree(GoldenSamples.json("users-enrolled.json"));
        forwardOutside.putObject("outsideWorkingHours").put("action", "FORWARD").putNull("target");
        assertThat(ContractSchemas.violations(Topics.USERS, forwardOutside.toString())).isNotEmpty();

        ObjectNode nationalPriorityCaller = (ObjectNode) MAPPER.readTree(GoldenSamples.json("users-enrolled.json"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) nationalPriorityCaller.get("priorityCallers")).add("91234567");
        assertThat(ContractSchemas.violations(Topics.USERS, nationalPriorityCaller.toString())).isNotEmpty();

        ObjectNode tooManyPriorityCallers = (ObjectNode) MAPPER.readTree(GoldenSamples.json("users-enrolled.json"));
        var callers = tooManyPriorityCallers.putArray("priorityCallers");
        for (int i = 0; i <= UserMessage.MAX_PRIORITY_CALLERS; i++) {
            callers.add("+47412345" + String.format("%02d", i));
        }
        assertThat(ContractSchemas.violations(Topics.USERS, tooManyPriorityCallers.toString())).isNotEmpty();

        ObjectNode repeatedPriorityCaller = (ObjectNode) MAPPER.readTree(GoldenSamples.json("users-enrolled.json"));
        repeatedPriorityCaller.putArray("priorityCallers").add("+4741234567").add("+4741234567");
        assertThat(ContractSchemas.violations(Topics.USERS, repeatedPriorityCaller.toString())).isNotEmpty();

        ObjectNode privateWithSubject = (ObjectNode) MAPPER.readTree(GoldenSamples.json("calendar-snapshot.json"));
        ((ObjectNode) privateWithSubject.at("/items/1")).put("subject", "Doctor");
        assertThat(ContractSchemas.violations(Topics.CALENDAR, privateWithSubject.toString())).isNotEmpty();

        ObjectNode otherCodeMark = (ObjectNode) MAPPER.readTree(GoldenSamples.json("calendar-snapshot.json"));
        ((ObjectNode) otherCodeMark.at("/items/0")).put("subjectCodeMark", "-");
        assertThat(ContractSchemas.violations(Topics.CALENDAR, otherCodeMark.toString())).isNotEmpty();

        ObjectNode codeWithSubject = (ObjectNode) MAPPER.readTree(GoldenSamples.json("calendar-snapshot.json"));
        ((ObjectNode) codeWithSubject.at("/items/0")).put("subjectCode", "MØT: a subject is no code, and is too long");
        assertThat(ContractSchemas.violations(Topics.CALENDAR, codeWithSubject.toString())).isNotEmpty();

        ObjectNode freeCode = (ObjectNode) MAPPER.readTree(GoldenSamples.json("tenants-ews.json"));
        ((ObjectNode) freeCode.at("/itemCodes/codes/0")).put("busyType", "FREE");
        assertThat(ContractSchemas.violations(Topics.TENANTS, freeCode.toString())).isNotEmpty();

        ObjectNode tenantWithSecret = (ObjectNode) MAPPER.readTree(GoldenSamples.json("tenants-ews.json"));
        tenantWithSecret.put("password", "hunter2");
        assertThat(ContractSchemas.violations(Topics.TENANTS, tenantWithSecret.toString())).isNotEmpty();

        ObjectNode voicemailWithTarget = (ObjectNode) MAPPER.readTree(GoldenSamples.json("status-busy.json"));
        voicemailWithTarget.put("target", "+4790000000");
        assertThat(ContractSchemas.violations(Topics.STATUS, voicemailWithTarget.toString())).isNotEmpty();

        ObjectNode badNumber = (ObjectNode) MAPPER.readTree(GoldenSamples.json("status-busy.json"));
        badNumber.put("number", "91234567");
        assertThat(ContractSchemas.violations(Topics.STATUS, badNumber.toString())).isNotEmpty();

        ObjectNode noVersion = (ObjectNode) MAPPER.readTree(GoldenSamples.json("calendar-opted-out.json"));
        noVersion.remove("version");
        assertThat(ContractSchemas.violations(Topics.CALENDAR, noVersion.toString())).isNotEmpty();
    }

    @Test
    void keysCarryTenantAndUser() {
        String key = Topics.userKey("acme", "0b6c3f0e");
        assertThat(key).isEqualTo("acme/0b6c3f0e");
        assertThat(Topics.tenantOf(key)).isEqualTo("acme");
        assertThat(Topics.userOf(key)).isEqualTo("0b6c3f0e");
    }
}
