package com.calroute.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's enums are the schema's value lists, and FORWARD is the one action that needs an E.164 number. */
class CallActionTest {

    @Test
    void enumsListTheSchemasValuesInOrder() throws Exception {
        JsonNode defs = new ObjectMapper().readTree(GoldenSamples.read("calroute/schemas/common.defs.json"))
                .get("$defs");
        assertThat(Arrays.stream(CallAction.values()).map(Enum::name)).containsExactlyElementsOf(
                texts(defs.at("/callAction/enum")));
        assertThat(Arrays.stream(BusyType.values()).map(Enum::name)).containsExactlyElementsOf(
                texts(defs.at("/busyType/enum")));
    }

    @Test
    void everyBusyTypeButFreeCanChangeRouting() {
        assertThat(BusyType.ROUTABLE).containsExactly(BusyType.TENTATIVE, BusyType.BUSY, BusyType.OOF,
                BusyType.WORKING_ELSEWHERE);
    }

    @Test
    void onlyForwardNeedsATargetAndOnlyAnE164NumberWillDo() {
        assertThat(Arrays.stream(CallAction.values()).filter(CallAction::needsTarget)).containsExactly(CallAction.FORWARD);
        assertThat(CallAction.FORWARD.lacksTarget("+4790000000")).isFalse();
        assertThat(CallAction.FORWARD.lacksTarget("900 00 000")).isTrue();
        assertThat(CallAction.FORWARD.lacksTarget("")).isTrue();
        assertThat(CallAction.FORWARD.lacksTarget(null)).isTrue();
        assertThat(CallAction.VOICEMAIL.lacksTarget(null)).isFalse();
        assertThat(CallAction.SWITCHBOARD.lacksTarget("not a number")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
