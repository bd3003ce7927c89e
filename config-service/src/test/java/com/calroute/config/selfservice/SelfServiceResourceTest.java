package com.calroute.config.selfservice;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.config.support.TopicReader;
import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.testing.contract.ContractSchemas;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SelfServiceResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void employeeTurnsSyncOnAndOffOnlyForThemself() {
        String tenant = Api.createTenant("sync");
        String id = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        String kari = TestTokens.employee(tenant, "KARI@acme.no");
        as(kari).get("/api/v1/me/calendar-sync").then().statusCode(200).body("enabled", equalTo(false));
        as(kari).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200).body("enabled", equalTo(true));
        as(kari).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200);
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users/" + id)
                .then().body("syncEnabled", equalTo(true)).body("version", equalTo(3));
        problem(as(kari).body(Map.of()).put("/api/v1/me/calendar-sync").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("enabled"));
        problem(as(kari).body(Map.of("enabled", "yes please")).put("/api/v1/me/calendar-sync").then(), 400, ProblemTypes.VALIDATION);

        // Enrolled (v1), Kari's login linked at her first call (v2), sync on (v3); the unchanged PUT adds nothing.
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 3);
        assertThat(messages).as("an unchanged PUT publishes nothing").hasSize(3);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.USERS, m.value()));
        assertThat(ContractSchemas.tree(messages.get(2).value()).get("syncEnabled").asBoolean()).isTrue();
    }

    @Test
    void notEnrolledEmployeeIsToldSo() {
        String tenant = Api.createTenant("notenrolled");
        problem(as(TestTokens.employee(tenant, "ghost@acme.no")).body(Map.of("enabled", true))
                .put("/api/v1/me/calendar-sync").then(), 404, ProblemTypes.NOT_FOUND)
                .body("detail", containsString("not enrolled"));
        problem(as(TestTokens.employee(tenant, "ghost@acme.no")).get("/api/v1/me/status-settings").then(),
                404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void unansweredInvitationsCountAsShownUntilTheEmployeeChoosesAndTheChoiceIsPublished() {
        String tenant = Api.createTenant("invitations");
        String id = Api.enrol(tenant, "ola@acme.no", Api.newMobile(tenant));
        String ola = TestTokens.employee(tenant, "ola@acme.no");
        as(ola).get("/api/v1/me/invitations").then().statusCode(200).body("unanswered", equalTo("AS_SHOWN"));
        as(ola).body(Map.of("unanswered", "TENTATIVE")).put("/api/v1/me/invitations").then().statusCode(200)
                .body("unanswered", equalTo("TENTATIVE"));
        as(ola).body(Map.of("unanswered", "TENTATIVE")).put("/api/v1/me/invitations").then().statusCode(200);
        problem(as(ola).body(Map.of("unanswered", "MAYBE")).put("/api/v1/me/invitations").then(), 400,
                ProblemTypes.VALIDATION).body("errors[0].field", equalTo("unanswered"))
                .body("errors[0].code", equalTo("not-allowed-value"));
        problem(as(ola).body(Map.of()).put("/api/v1/me/invitations").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("unanswered")).body("errors[0].code", equalTo("required"));
        as(ola).get("/api/v1/me/invitations").then().body("unanswered", equalTo("TENTATIVE"));

        // Enrolled (v1, as shown), linked at Ola's first call (v2), the choice (v3); the unchanged PUT adds nothing.
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 3);
        assertThat(messages).hasSize(3);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.USERS, m.value()));
        assertThat(ContractSchemas.tree(messages.get(0).value()).get("unansweredInvitations").asText()).isEqualTo("AS_SHOWN");
        assertThat(ContractSchemas.tree(messages.get(2).value()).get("unansweredInvitations").asText()).isEqualTo("TENTATIVE");
    }

    @Test
    void priorityCallersAreNoOneUntilChosen_typedAsPeopleWriteThem_refusedWithTheEntryNamed_andPublished() {
        String tenant = Api.createTenant("vip");
        String id = Api.enrol(tenant, "siv@acme.no", Api.newMobile(tenant));
        String siv = TestTokens.employee(tenant, "siv@acme.no");
        as(siv).get("/api/v1/me/priority-callers").then().statusCode(200)
                .body("numbers", equalTo(List.of())).body("colleagues", equalTo(false));

        as(siv).body(Map.of("numbers", List.of("412 34 567", "+46 8 123 456 78", "0047 41234567"), "colleagues", true))
                .put("/api/v1/me/priority-callers").then().statusCode(200)
                .body("numbers", equalTo(List.of("+4741234567", "+46812345678"))).body("colleagues", equalTo(true));
        as(siv).body(Map.of("numbers", List.of("+4741234567", "+46812345678"), "colleagues", true))
                .put("/api/v1/me/priority-callers").then().statusCode(200);

        // Refused: nothing stored, nothing published.
        problem(as(siv).body(Map.of("numbers", List.of("+4741234567", "mamma"), "colleagues", false))
                .put("/api/v1/me/priority-callers").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("numbers[1]"))
                .body("errors[0].code", equalTo("invalid-phone-number"))
                .body("errors[0].params.country", equalTo("NO"));
        List<String> twentyOne = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            twentyOne.add("+47412345" + String.format("%02d", i));
        }
        problem(as(siv).body(Map.of("numbers", twentyOne)).put("/api/v1/me/priority-callers").then(), 400,
                ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("numbers")).body("errors[0].code", equalTo("too-many"))
                .body("errors[0].params.max", equalTo("20"));
        problem(as(siv).body(Map.of("numbers", List.of(), "everyone", true)).put("/api/v1/me/priority-callers").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("everyone"));
        as(siv).get("/api/v1/me/priority-callers").then()
                .body("numbers", equalTo(List.of("+4741234567", "+46812345678"))).body("colleagues", equalTo(true));

        // Left out: no one, colleagues off.
        as(siv).body(Map.of()).put("/api/v1/me/priority-callers").then().statusCode(200)
                .body("numbers", equalTo(List.of())).body("colleagues", equalTo(false));

        // Enrolled (v1, no one), linked at Siv's first call (v2), the list (v3), emptied (v4); refusals add nothing.
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 4);
        assertThat(messages).hasSize(4);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.USERS, m.value()));
        assertThat(ContractSchemas.tree(messages.get(0).value()).get("priorityCallers").size()).isZero();
        assertThat(ContractSchemas.tree(messages.get(0).value()).get("colleaguesRingThrough").asBoolean()).isFalse();
        assertThat(ContractSchemas.tree(messages.get(2).value()).get("priorityCallers").toString())
                .isEqualTo("[\"+4741234567\",\"+46812345678\"]");
        assertThat(ContractSchemas.tree(messages.get(2).value()).get("colleaguesRingThrough").asBoolean()).isTrue();
        assertThat(ContractSchemas.tree(messages.get(3).value()).get("priorityCallers").size()).isZero();
    }

    @Test
    void theAnnouncementToCallersIsOnUntilTheEmployeeTurnsItOffAndTheChoiceIsPublished() {
        String tenant = Api.createTenant("announce");
        String id = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        String kari = TestTokens.employee(tenant, "kari@acme.no");
        as(kari).get("/api/v1/me/announcement").then().statusCode(200).body("enabled", equalTo(true));
        as(kari).body(Map.of("enabled", false)).put("/api/v1/me/announcement").then().statusCode(200)
                .body("enabled", equalTo(false));
        as(kari).body(Map.of("enabled", false)).put("/api/v1/me/announcement").then().statusCode(200);
        problem(as(kari).body(Map.of()).put("/api/v1/me/announcement").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("enabled")).body("errors[0].code", equalTo("required"));
        problem(as(kari).body(Map.of("enabled", "no thanks")).put("/api/v1/me/announcement").then(), 400,
                ProblemTypes.VALIDATION);
        as(kari).get("/api/v1/me/announcement").then().body("enabled", equalTo(false));

        // Enrolled (v1, on), linked at Kari's first call (v2), off (v3); the unchanged PUT and refusals add nothing.
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 3);
        assertThat(messages).hasSize(3);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.USERS, m.value()));
        assertThat(ContractSchemas.tree(messages.get(0).value()).get("announcement").asBoolean()).isTrue();
        assertThat(ContractSchemas.tree(messages.get(2).value()).get("announcement").asBoolean()).isFalse();
    }

    @Test
    void theActionOutsideWorkingHoursRingsUntilChosenIsValidatedLikeTheOthersAndIsPublished() {
        String tenant = Api.createTenant("outsidehours");
        String mobile = Api.newMobile(tenant);
        String id = Api.enrol(tenant, "per@acme.no", mobile);
        String per = TestTokens.employee(tenant, "per@acme.no");
        as(per).get("/api/v1/me/status-settings").then().statusCode(200)
                .body("OUTSIDE_WORKING_HOURS.action", equalTo("RING"))
                .body("OUTSIDE_WORKING_HOURS.target", nullValue());

        as(per).body(Map.of("BUSY", Map.of("action", "VOICEMAIL"),
                        "OUTSIDE_WORKING_HOURS", Map.of("action", "FORWARD", "target", "900 00 000")))
                .put("/api/v1/me/status-settings").then().statusCode(200)
                .body("OUTSIDE_WORKING_HOURS.action", equalTo("FORWARD"))
                .body("OUTSIDE_WORKING_HOURS.target", equalTo("+4790000000"))
                .body("BUSY.action", equalTo("VOICEMAIL"));

        // Refused: nothing stored, nothing published.
        problem(as(per).body(Map.of("OUTSIDE_WORKING_HOURS", Map.of("action", "FORWARD"))).put("/api/v1/me/status-settings")
                .then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("OUTSIDE_WORKING_HOURS.target"))
                .body("errors[0].code", equalTo("required"));
        problem(as(per).body(Map.of("OUTSIDE_WORKING_HOURS", Map.of("action", "HANG_UP")))
                .put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("OUTSIDE_WORKING_HOURS.action"))
                .body("errors[0].code", equalTo("not-allowed-value"));
        problem(as(per).body(Map.of("OUTSIDE_WORKING_HOURS", Map.of("action", "VOICEMAIL", "target", "+4790000000")))
                .put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("OUTSIDE_WORKING_HOURS.target"))
                .body("errors[0].code", equalTo("not-applicable"));
        problem(as(per).body(Map.of("OUTSIDE_WORKING_HOURS", Map.of("action", "FORWARD", "target", mobile)))
                .put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("OUTSIDE_WORKING_HOURS.target"))
                .body("errors[0].code", equalTo("forward-own-number"));
        problem(as(per).body(Map.of("OUTSIDE_WORKING_HOURS", Map.of("action", "FORWARD", "target", "820 00 000")))
                .put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("OUTSIDE_WORKING_HOURS.target"))
                .body("errors[0].code", equalTo("forward-premium-rate"));
        as(per).get("/api/v1/me/status-settings").then()
                .body("OUTSIDE_WORKING_HOURS.target", equalTo("+4790000000")).body("BUSY.action", equalTo("VOICEMAIL"));

        // Only the time outside working hours changes: that alone is a change, published.
        as(per).body(Map.of("BUSY", Map.of("action", "VOICEMAIL"), "OUTSIDE_WORKING_HOURS", Map.of("action", "VOICEMAIL")))
                .put("/api/v1/me/status-settings").then().statusCode(200)
                .body("OUTSIDE_WORKING_HOURS.action", equalTo("VOICEMAIL"))
                .body("OUTSIDE_WORKING_HOURS.target", nullValue());

        // Enrolled (v1, ringing), linked at Per's first call (v2), forward (v3), voicemail (v4); refusals add nothing.
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 4);
        assertThat(messages).hasSize(4);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.USERS, m.value()));
        assertThat(ContractSchemas.tree(messages.get(0).value()).at("/outsideWorkingHours/action").asText()).isEqualTo("RING");
        assertThat(ContractSchemas.tree(messages.get(2).value()).at("/outsideWorkingHours/action").asText()).isEqualTo("FORWARD");
        assertThat(ContractSchemas.tree(messages.get(2).value()).at("/outsideWorkingHours/target").asText())
                .isEqualTo("+4790000000");
        assertThat(ContractSchemas.tree(messages.get(3).value()).at("/outsideWorkingHours/action").asText())
                .isEqualTo("VOICEMAIL");
        assertThat(ContractSchemas.tree(messages.get(3).value()).at("/statusSettings/BUSY/action").asText())
                .isEqualTo("VOICEMAIL");
    }

    @Test
    void statusSettingsDefaultToRingAndValidate() {
        String tenant = Api.createTenant("settings");
        String id = Api.enrol(tenant, "nina@acme.no", Api.newMobile(tenant));
        String nina = TestTokens.employee(tenant, "nina@acme.no");
        as(nina).get("/api/v1/me/status-settings").then().statusCode(200)
                .body("TENTATIVE.action", equalTo("RING")).body("BUSY.action", equalTo("RING"))
                .body("OOF.action", equalTo("RING")).body("WORKING_ELSEWHERE.action", equalTo("RING"));
        as(nina).body(Map.of("BUSY", Map.of("action", "VOICEMAIL"),
                        "OOF", Map.of("action", "FORWARD", "target", "+4790000000"),
                        "WORKING_ELSEWHERE", Map.of("action", "SWITCHBOARD")))
                .put("/api/v1/me/status-settings").then().statusCode(200)
                .body("BUSY.action", equalTo("VOICEMAIL"))
                .body("OOF.target", equalTo("+4790000000"))
                .body("TENTATIVE.action", equalTo("RING"))
                .body("WORKING_ELSEWHERE.target", nullValue());

        problem(as(nina).body(Map.of("OOF", Map.of("action", "FORWARD"))).put("/api/v1/me/status-settings").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("OOF.target"));
        // Typed as Norwegians write it, stored as the same E.164 number: nothing changes, nothing is published.
        as(nina).body(Map.of("BUSY", Map.of("action", "VOICEMAIL"),
                        "OOF", Map.of("action", "FORWARD", "target", "900 00 000"),
                        "WORKING_ELSEWHERE", Map.of("action", "SWITCHBOARD")))
                .put("/api/v1/me/status-settings").then().statusCode(200).body("OOF.target", equalTo("+4790000000"));
        problem(as(nina).body(Map.of("OOF", Map.of("action", "FORWARD", "target", "9000 00"))).put("/api/v1/me/status-settings").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("OOF.target"))
                .body("errors[0].code", equalTo("invalid-phone-number"));
        problem(as(nina).body(Map.of("BUSY", Map.of("action", "VOICEMAIL", "target", "+4790000000"))).put("/api/v1/me/status-settings").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("BUSY.target"));
        problem(as(nina).body(Map.of("LUNCH", Map.of("action", "RING"), "BUSY", Map.of("action", "HANG_UP")))
                .put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItem("LUNCH")).body("errors.field", hasItem("BUSY.action"));
        problem(as(nina).body("{\"BUSY\": ").put("/api/v1/me/status-settings").then(), 400, ProblemTypes.MALFORMED);
        as(nina).get("/api/v1/me/status-settings").then().body("BUSY.action", equalTo("VOICEMAIL"));

        // Enrolled (v1), linked at Nina's first call (v2), settings (v3).
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 3);
        assertThat(messages).hasSize(3);
        ContractSchemas.assertValid(Topics.USERS, messages.get(2).value());
        assertThat(ContractSchemas.tree(messages.get(2).value()).at("/statusSettings/OOF/target").asText()).isEqualTo("+4790000000");
    }
}
